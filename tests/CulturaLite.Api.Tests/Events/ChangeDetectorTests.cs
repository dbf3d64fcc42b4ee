using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CulturaLite.Api.Tests.Events;

/// <summary>
/// When a save announces a public change: at once for a plain save, at commit inside a transaction, never for a
/// rolled-back transaction or a failed save (and what they would have announced does not leak into the next
/// save), for the synchronous API too, and for each kind of public change.
/// </summary>
public abstract class ChangeDetectorTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : ChangeDetectorTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : ChangeDetectorTests(f), IClassFixture<PostgresApiFactory>;

    /// <summary>Counts this instance's announcements while <paramref name="work"/> runs on a fresh context.</summary>
    private async Task<int> AnnouncementsAsync(Func<AppDbContext, Func<int>, Task> work)
    {
        _ = Client();
        var changes = Factory.Services.GetRequiredService<EventChanges>();
        var count = 0;
        void Count() => Interlocked.Increment(ref count);
        changes.Changed += Count;
        try
        {
            using var scope = Factory.Services.CreateScope();
            await work(scope.ServiceProvider.GetRequiredService<AppDbContext>(), () => Volatile.Read(ref count));
            await Task.Delay(300); // an echo of the change feed, if any, arrives
            return Volatile.Read(ref count);
        }
        finally
        {
            changes.Changed -= Count;
        }
    }

    private static async Task<CulturaLite.Api.Accounts.User> VendorAsync(AppDbContext db) => await Seed.UserAsync(db);

    private static Event Approved(int vendorId, int categoryId) => Event.Import(vendorId,
        new EventDetails("Imported " + Guid.NewGuid().ToString("N")[..6], "d", "Pune", DateTime.UtcNow.AddDays(5), categoryId, "https://cdn.example.com/i.jpg", null, null),
        EventStatus.Approved, null, null, DateTime.UtcNow, DateTime.UtcNow, DateTime.UtcNow);

    [SkippableFact]
    public async Task Inside_a_transaction_the_change_is_announced_at_commit_not_at_save()
    {
        var atSave = -1;
        var total = await AnnouncementsAsync(async (db, seen) =>
        {
            var vendor = await VendorAsync(db);
            var category = (await Seed.CategoryAsync(db, "music")).Id;
            var before = seen();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Events.Add(Approved(vendor.Id, category));
            await db.SaveChangesAsync();
            atSave = seen() - before;
            await transaction.CommitAsync();
        });

        Assert.Equal(0, atSave);
        Assert.True(total >= 1);
    }

    [SkippableFact]
    public async Task A_rolled_back_transaction_announces_nothing_then_or_later()
    {
        var total = await AnnouncementsAsync(async (db, _) =>
        {
            var vendor = await VendorAsync(db);
            var category = (await Seed.CategoryAsync(db, "music")).Id;
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                db.Events.Add(Approved(vendor.Id, category));
                await db.SaveChangesAsync();
                await transaction.RollbackAsync();
            }
            db.ChangeTracker.Clear();
            // A later save of nothing public on the same context announces nothing either.
            var pending = Event.Submit(vendor.Id, new EventDetails("Pending", "d", "Pune", DateTime.UtcNow.AddDays(5), category, "https://cdn.example.com/p.jpg", null, null), DateTime.UtcNow);
            db.Events.Add(pending);
            await db.SaveChangesAsync();
        });

        Assert.Equal(0, total);
    }

    [SkippableFact]
    public async Task A_failed_save_announces_nothing_then_or_later()
    {
        var total = await AnnouncementsAsync(async (db, _) =>
        {
            var vendor = await VendorAsync(db);
            var taken = (await Seed.CategoryAsync(db, "music")).Slug;
            db.Categories.Add(Category.Create("Music", taken));
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();
            vendor.RecordLogin(DateTime.UtcNow);
            db.Users.Update(vendor);
            db.Entry(vendor).State = EntityState.Unchanged;
            db.Entry(vendor).Property(u => u.LastLogin).IsModified = true;
            await db.SaveChangesAsync();
        });

        Assert.Equal(0, total);
    }

    [SkippableFact]
    public async Task After_a_public_save_a_private_save_on_the_same_context_announces_nothing_more()
    {
        var total = await AnnouncementsAsync(async (db, _) =>
        {
            var vendor = await VendorAsync(db);
            var category = (await Seed.CategoryAsync(db, "music")).Id;
            db.Events.Add(Approved(vendor.Id, category));
            await db.SaveChangesAsync();
            db.Events.Add(Event.Submit(vendor.Id, new EventDetails("Pending", "d", "Pune", DateTime.UtcNow.AddDays(5), category, "https://cdn.example.com/p.jpg", null, null), DateTime.UtcNow));
            await db.SaveChangesAsync();
        });

        Assert.Equal(1, total);
    }

    [SkippableFact]
    public async Task The_synchronous_save_announces_too()
    {
        var total = await AnnouncementsAsync(async (db, _) =>
        {
            var vendor = await VendorAsync(db);
            db.Events.Add(Approved(vendor.Id, (await Seed.CategoryAsync(db, "music")).Id));
            db.SaveChanges();
        });

        Assert.True(total >= 1);
    }

    [SkippableTheory]
    [InlineData("approved event added", true)]
    [InlineData("pending event added", false)]
    [InlineData("vendor deleted", true)]
    [InlineData("vendor renamed", true)]
    [InlineData("vendor logged in", false)]
    public async Task Each_kind_of_change_is_announced_or_not(string change, bool announced)
    {
        var total = await AnnouncementsAsync(async (db, seen) =>
        {
            var vendor = await VendorAsync(db);
            var category = (await Seed.CategoryAsync(db, "music")).Id;
            switch (change)
            {
                case "approved event added":
                    db.Events.Add(Approved(vendor.Id, category));
                    break;
                case "pending event added":
                    db.Events.Add(Event.Submit(vendor.Id, new EventDetails("Pending", "d", "Pune", DateTime.UtcNow.AddDays(5), category, "https://cdn.example.com/p.jpg", null, null), DateTime.UtcNow));
                    break;
                case "vendor deleted":
                    db.Users.Remove(vendor);
                    break;
                case "vendor renamed":
                    vendor.UpdateProfile("Renamed", null, null);
                    break;
                case "vendor logged in":
                    vendor.RecordLogin(DateTime.UtcNow);
                    break;
            }
            await db.SaveChangesAsync();
        });

        Assert.Equal(announced, total >= 1);
    }
}
