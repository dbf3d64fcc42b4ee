using CulturaLite.Api.Data;
using CulturaLite.Api.Events;

namespace CulturaLite.Api.Moderation;

/// <summary>The events an admin works through, for the admin API and the console alike.</summary>
public static class ModerationQueue
{
    /// <summary>Filtered events; the pending queue comes oldest first, anything else newest first.</summary>
    public static async Task<IQueryable<Event>> QueryAsync(AppDbContext db, EventFilters filters, CityNameIndex cities, int? vendorId, CancellationToken ct)
    {
        var events = filters.ApplyTo(db.Events.Where(Event.StandsForItself), await FilterScope.CreateAsync(filters, db, cities, cache: null, upcomingFrom: null, ct));
        if (vendorId is not null)
        {
            events = events.Where(e => e.VendorId == vendorId);
        }
        return filters.Status == EventStatus.Pending
            ? events.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)
            : events.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id);
    }

    /// <summary>The events that come after <paramref name="current"/> in the order of <see cref="QueryAsync"/>.</summary>
    public static IQueryable<Event> After(IQueryable<Event> queue, EventFilters filters, Event current)
    {
        var (at, id) = (current.CreatedAt, current.Id);
        return filters.Status == EventStatus.Pending
            ? queue.Where(e => e.CreatedAt > at || (e.CreatedAt == at && e.Id > id))
            : queue.Where(e => e.CreatedAt < at || (e.CreatedAt == at && e.Id < id));
    }
}
