using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Organizers;

/// <summary>An organizer's public profile: `GET /api/organizers/{slug}/`.</summary>
public sealed record OrganizerProfileResponse(int Id, string Name, string Slug, string Description, string? Website, string? City, int UpcomingCount);

/// <summary>
/// What the public sees of an organizer: only an active vendor with at least one public event has a profile (the
/// same rule for the API and the page), with the count of its upcoming events that are on (not cancelled).
/// </summary>
public sealed class OrganizerProfiles(AppDbContext db, TimeProvider clock)
{
    /// <summary>The most events the organizer page lists.</summary>
    public const int PageEvents = 50;

    public async Task<OrganizerProfileResponse?> FindAsync(string slug, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(slug) || slug.Length > Accounts.User.SlugMaxLength)
        {
            return null;
        }
        // Slugs are lower case; the `organizer` filter reads its value the same way.
        slug = slug.ToLowerInvariant();
        var organizer = await db.Users.AsNoTracking().Where(u => u.Slug == slug && u.IsActive && u.ErasedAt == null)
            .Select(u => new { u.Id, Name = u.OrganizationName != "" ? u.OrganizationName : u.Name, u.OrganizationDescription, u.Website, u.City })
            .FirstOrDefaultAsync(ct);
        if (organizer is null || !await Public(organizer.Id).AnyAsync(ct))
        {
            return null;
        }
        var upcoming = await Upcoming(organizer.Id).CountAsync(ct);
        return new OrganizerProfileResponse(organizer.Id, organizer.Name, slug, organizer.OrganizationDescription, organizer.Website, organizer.City, upcoming);
    }

    /// <summary>The organizer's upcoming public events that are on, soonest first.</summary>
    public IQueryable<Event> Upcoming(int vendorId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return Public(vendorId).Where(e => e.EventDate >= now && e.Lifecycle != EventLifecycle.Cancelled).OrderBy(e => e.EventDate).ThenBy(e => e.Id);
    }

    private IQueryable<Event> Public(int vendorId) => db.Events.AsNoTracking().Where(Event.IsPublic).Where(e => e.VendorId == vendorId);
}
