using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Tests.Infrastructure;

/// <summary>Creates rows directly through the entities, for tests that need data but not its endpoints.</summary>
public static class Seed
{
    /// <param name="db">The app's context.</param>
    /// <param name="email">The account's email (random when null).</param>
    /// <param name="admin">Promote to admin.</param>
    /// <param name="passwordHash">The stored hash ("!" matches no password), e.g. one made by Django.</param>
    public static async Task<User> UserAsync(AppDbContext db, string? email = null, bool admin = false, string passwordHash = "!")
    {
        var user = User.RegisterVendor(email ?? $"{Guid.NewGuid():N}@example.com", "Test", "Vendor", "Test Org", DateTime.UtcNow);
        user.SetPasswordHash(passwordHash);
        // An established account: its address was confirmed long ago (EmailVerificationTests start unverified).
        user.MarkEmailVerified();
        if (admin)
        {
            user.PromoteToAdmin();
        }
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    public static async Task<Category> CategoryAsync(AppDbContext db, string slug) =>
        await db.Categories.SingleAsync(c => c.Slug == slug);

    public static async Task<Event> EventAsync(
        AppDbContext db,
        User vendor,
        string city,
        DateTime date,
        string status = EventStatus.Approved,
        string category = "music",
        string? title = null,
        string description = "An evening of music and dance.")
    {
        var cat = await CategoryAsync(db, category);
        // As a submission does: the city under its canonical name, searchable by all its names.
        var placed = (await CityResolver.LoadAsync(db, default)).Resolve(city);
        var e = Event.Submit(vendor.Id, new EventDetails(
            title ?? $"Event in {city}", description, placed.Name, date, cat.Id, "https://cdn.example.com/e.jpg", null, null)
        {
            IndexTerms = SearchIndex.Terms(placed, cat.Name),
        }, DateTime.UtcNow);
        db.Events.Add(e);
        await db.SaveChangesAsync();
        if (status != EventStatus.Pending)
        {
            var admin = await db.Users.FirstOrDefaultAsync(u => u.Role == Roles.Admin) ?? await UserAsync(db, admin: true);
            var note = status == EventStatus.Approved ? e.Approve(admin.Id, DateTime.UtcNow) : e.Reject(admin.Id, "Not suitable", DateTime.UtcNow);
            db.Add(note.Value!);
            await db.SaveChangesAsync();
        }
        return e;
    }
}
