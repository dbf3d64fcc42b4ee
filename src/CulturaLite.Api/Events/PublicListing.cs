using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Events;

/// <summary>
/// What `/api/events/` lists for a query string (public, upcoming unless `date_from` says otherwise,
/// filtered, in the list's order): one definition for the list, the calendar and RSS feeds.
/// </summary>
public sealed class PublicListing(AppDbContext db, PublicCache cache, CityDirectory cities, TimeProvider clock, IOptions<SiteOptions> site)
{
    public sealed record Selection(IQueryable<Event> Events, EventFilters Filters);

    /// <summary>The filtered events, or a 400 problem for a malformed filter.</summary>
    public async Task<(Selection? Selection, ObjectResult? Problem)> SelectAsync(IQueryCollection query, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var filters = EventFilters.Parse(query, errors, site.Value.Zone) with { Status = null };
        if (errors.Any)
        {
            return (null, errors.ToProblem());
        }
        // Without date_from a visitor sees what is still to come.
        var events = filters.ApplyTo(db.Events.AsNoTracking().Where(Event.IsPublic), db, await cities.GetAsync(ct),
            upcomingFrom: clock.GetUtcNow().UtcDateTime);
        events = await filters.ApplyCategoryAsync(events, db.Categories, cache, ct);
        return (new Selection(events, filters), null);
    }

    /// <summary>The list's order: by date (or `-event_date`, or nearest first), ties by id.</summary>
    public static IOrderedQueryable<Event> Ordered(IQueryable<Event> events, EventFilters filters) => filters switch
    {
        { ByDistance: true, Near: { } near } => events.OrderByDescending(near.Closeness()).ThenBy(e => e.EventDate).ThenBy(e => e.Id),
        { Descending: true } => events.OrderByDescending(e => e.EventDate).ThenByDescending(e => e.Id),
        _ => events.OrderBy(e => e.EventDate).ThenBy(e => e.Id),
    };

    /// <summary>The first <paramref name="limit"/> events of the selection in list order, read as <typeparamref name="T"/>.</summary>
    public async Task<List<T>> TopAsync<T>(Selection selection, int limit, System.Linq.Expressions.Expression<Func<Event, T>> projection, CancellationToken ct)
    {
        await using var plans = await QueryPlans.PerValueAsync(db, selection.Filters.SearchWords.Length > 0 || selection.Filters.Near is not null, ct);
        return await ReadAsync(selection, 0, limit, projection, ct);
    }

    /// <summary>
    /// Events <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="limit"/> of the selection in list order.
    /// Their ids are chosen first, in a subquery the database can answer from its indexes (a search or a circle
    /// with 40,000 candidates sorts 40,000 ids, not 40,000 whole events), and only those rows are read. The
    /// caller holds the query plans (<see cref="QueryPlans.PerValueAsync"/>) around it.
    /// </summary>
    public async Task<List<T>> ReadAsync<T>(Selection selection, int offset, int limit, System.Linq.Expressions.Expression<Func<Event, T>> projection, CancellationToken ct)
    {
        var ids = Ordered(selection.Events, selection.Filters).Skip(offset).Take(limit).Select(e => e.Id);
        return await Ordered(db.Events.AsNoTracking().Where(e => ids.Contains(e.Id)), selection.Filters).Select(projection).ToListAsync(ct);
    }
}
