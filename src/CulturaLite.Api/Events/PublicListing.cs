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
public sealed class PublicListing(AppDbContext db, PublicCache cache, CityDirectory cities, TimeProvider clock, IOptions<SiteOptions> site, PublicListing.PlainPages plainPages)
{
    public sealed record Selection(IQueryable<Event> Events, EventFilters Filters)
    {
        /// <summary>The filter's values when it is plain (no search, no distance): its pages are read by a compiled query.</summary>
        public PlainFilter? Plain { get; init; }
    }

    /// <summary>A city (its key), a date range and a category: what most visitors ask for.</summary>
    public sealed record PlainFilter(string? CityKey, DateTime From, DateTime? To, int? CategoryId, bool Descending);

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
        var now = clock.GetUtcNow().UtcDateTime;
        var lookup = await cities.GetAsync(ct);
        var events = filters.ApplyTo(db.Events.AsNoTracking().Where(Event.IsPublic), db, lookup, upcomingFrom: now);
        var category = await filters.FindCategoryAsync(db.Categories, cache, ct);
        events = filters.ApplyCategory(events, category);
        var plain = filters is { SearchWords: [], SearchesNothing: false, Near: null } && (filters.Category is null || category is not null)
            ? new PlainFilter(filters.City is null ? null : lookup.KeyOf(filters.City), filters.From ?? now, filters.To, category?.Id, filters.Descending)
            : null;
        return (new Selection(events, filters) { Plain = plain }, null);
    }

    /// <summary>
    /// Events <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="limit"/> of the list, as items.
    /// A plain filter's page is read by a query compiled once (<see cref="PlainPages"/>): building, hashing and
    /// looking up the LINQ tree of each request took about an eighth of an uncached list request's CPU.
    /// </summary>
    public async Task<List<EventResponse>> PageAsync(Selection selection, int offset, int limit, CancellationToken ct)
    {
        if (selection.Plain is not { } p)
        {
            return await ReadAsync(selection, offset, limit, EventResponse.Projection, ct);
        }
        var page = new List<EventResponse>(limit);
        await using var plans = await QueryPlans.OnePlanAsync(db, p.CityKey is null, ct);
        await foreach (var item in (p.Descending ? plainPages.Descending : plainPages.Ascending)(db, p.CityKey, p.From, p.To, p.CategoryId, offset, limit).WithCancellation(ct))
        {
            page.Add(item);
        }
        return page;
    }

    /// <summary>
    /// The same query as <see cref="ReadAsync{T}"/> over <see cref="SelectAsync"/>'s filters, for a plain filter, in
    /// both orders. A null value leaves its condition out (EF Core writes the SQL for the parameters that are
    /// null and those that are not). One per application (a singleton): a compiled query keeps the model it
    /// first ran with.
    /// </summary>
    public sealed class PlainPages
    {
        public Func<AppDbContext, string?, DateTime, DateTime?, int?, int, int, IAsyncEnumerable<EventResponse>> Ascending { get; } =
            EF.CompileAsyncQuery((AppDbContext db, string? cityKey, DateTime from, DateTime? to, int? categoryId, int offset, int limit) =>
                db.Events.AsNoTracking()
                    .Where(e => db.Events.Where(Event.IsPublic)
                        .Where(x => (cityKey == null || x.CityKey == cityKey) && x.EventDate >= from && (to == null || x.EventDate <= to)
                            && (categoryId == null || x.CategoryId == categoryId))
                        .OrderBy(x => x.EventDate).ThenBy(x => x.Id).Skip(offset).Take(limit).Select(x => x.Id)
                        .Contains(e.Id))
                    .OrderBy(e => e.EventDate).ThenBy(e => e.Id)
                    .Select(EventResponse.Projection));

        public Func<AppDbContext, string?, DateTime, DateTime?, int?, int, int, IAsyncEnumerable<EventResponse>> Descending { get; } =
            EF.CompileAsyncQuery((AppDbContext db, string? cityKey, DateTime from, DateTime? to, int? categoryId, int offset, int limit) =>
                db.Events.AsNoTracking()
                    .Where(e => db.Events.Where(Event.IsPublic)
                        .Where(x => (cityKey == null || x.CityKey == cityKey) && x.EventDate >= from && (to == null || x.EventDate <= to)
                            && (categoryId == null || x.CategoryId == categoryId))
                        .OrderByDescending(x => x.EventDate).ThenByDescending(x => x.Id).Skip(offset).Take(limit).Select(x => x.Id)
                        .Contains(e.Id))
                    .OrderByDescending(e => e.EventDate).ThenByDescending(e => e.Id)
                    .Select(EventResponse.Projection));
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
