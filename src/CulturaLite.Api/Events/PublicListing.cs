using System.Linq.Expressions;
using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Events;

/// <summary>
/// What `/api/events/` lists for a query string (public, upcoming unless `date_from` says otherwise,
/// filtered, in the list's order): one definition for the list, the calendar and RSS feeds.
/// </summary>
public sealed class PublicListing(AppDbContext db, PublicCache cache, CityResolver cities, TimeProvider clock, IOptions<SiteOptions> site, PublicListing.PlainPages plainPages)
{
    public sealed record Selection(IQueryable<Event> Events, EventFilters Filters, FilterScope Scope)
    {
        /// <summary>The compiled query's parameters when every filter given is one it serves (<see cref="EventFilters.Plain"/>).</summary>
        public PlainFilter? Plain { get; init; }

        /// <summary>For a search of several words or a circle: where <see cref="ReadAsync"/> looks first.</summary>
        public Window? Window { get; init; }

        /// <summary>Identifies the filtered set, for caching its count.</summary>
        public string CountKey => "count:" + Filters.Key(Scope);
    }

    /// <summary>
    /// A filter looked for first among the next <paramref name="PerEvent"/> events in list order for each one the page
    /// needs: <paramref name="Rest"/> is the selection without it, <paramref name="Narrow"/> applies it.
    /// </summary>
    public sealed record Window(IQueryable<Event> Rest, Func<IQueryable<Event>, IQueryable<Event>> Narrow, int PerEvent);

    /// <summary>A search's window: the words of a title come together far more often than PostgreSQL expects.</summary>
    private const int SearchWindowPerEvent = 25;

    /// <summary>
    /// A circle's window: in a city a 5 to 25 km circle holds one upcoming event in tens to hundreds, and the date index
    /// (which carries the coordinates) walks 5,000 in a few milliseconds, where the box of a busy city holds tens of
    /// thousands to sort (docs/decisions/search-window.md).
    /// </summary>
    private const int NearWindowPerEvent = 250;

    /// <summary>Pages ending after this many events are not looked for in a window first.</summary>
    private const int MaxWindowedEnd = 100;

    /// <summary>
    /// The compiled query's parameters: a city (its key), a date range and a category, what most visitors ask
    /// for. A filter joins them by declaring <see cref="EventFilter{T}.Compiled"/> (and a parameter here).
    /// </summary>
    public sealed record PlainFilter(string? CityKey, DateTime From, DateTime? To, int? CategoryId, bool Descending);

    /// <summary>The filtered events, or the field errors of a malformed filter.</summary>
    /// <param name="query">The query string.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="hidesCancelled">The list (true) leaves cancelled events out unless asked; the feeds (false) show them with their status.</param>
    public async Task<Outcome<Selection>> SelectAsync(IQueryCollection query, CancellationToken ct, bool hidesCancelled = true)
    {
        var errors = new FieldErrors();
        var filters = EventFilters.Parse(query, errors, site.Value.Zone, publicOnly: true);
        if (errors.Any)
        {
            return Outcome<Selection>.Invalid(errors);
        }
        // Without date_from a visitor sees what is still to come.
        var now = clock.GetUtcNow().UtcDateTime;
        var scope = await FilterScope.CreateAsync(filters, db, await cities.GetAsync(ct), cache, upcomingFrom: now, ct, hidesCancelled);
        var events = filters.ApplyTo(db.Events.AsNoTracking().Where(Event.IsPublic), scope);
        var window = filters switch
        {
            { SearchWords.Length: > 1, Near: null } => new Window(filters.Without(EventFilter.Search).ApplyTo(db.Events.AsNoTracking().Where(Event.IsPublic), scope),
                w => EventSearch.Matching(w, db, filters.SearchWords), SearchWindowPerEvent),
            { Near: { } near, ByDistance: false, SearchWords.Length: 0 } => new Window(filters.Without(EventFilter.Near).ApplyTo(db.Events.AsNoTracking().Where(Event.IsPublic), scope),
                near.Within, NearWindowPerEvent),
            _ => null,
        };
        return Outcome<Selection>.Done(new Selection(events, filters, scope) { Plain = filters.Plain(scope), Window = window });
    }

    /// <summary>
    /// The query planning a selection's reads need on PostgreSQL, opened once around them: per value for a
    /// filter that declares it (<see cref="EventFilter.PlannedPerValue"/>). A plain page is left to PostgreSQL's
    /// choice, which keeps planning it for its LIMIT: a generic plan, not knowing the LIMIT, hash-joined every event
    /// to the page's ids (docs/decisions/query-plans.md).
    /// </summary>
    public Task<IAsyncDisposable> PlansAsync(Selection selection, CancellationToken ct) =>
        QueryPlans.PerValueAsync(db, selection.Filters.PlannedPerValue, ct);

    /// <summary>A page of the list: its items, how many events the whole list holds, its number and the last page's.</summary>
    public sealed record ListedPage(List<EventResponse> Results, int Count, int Number, int LastPage);

    /// <summary>
    /// One page of the list, for the API and the home page alike (its rows read ids-first: <see cref="ReadAsync"/>).
    /// The count, the costly half of a page, is reused until the next change, and not needed at all when the page
    /// is not full. Null for a page past the last (DRF's "Invalid page.").
    /// </summary>
    /// <param name="selection">The filtered events.</param>
    /// <param name="request">The page asked for.</param>
    /// <param name="last">`page=last`: the last page, whatever its number.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<ListedPage?> PageOfAsync(Selection selection, PageRequest request, bool last, CancellationToken ct)
    {
        // Planned per value around the count and the page (a search, a circle); a plain page plans itself.
        await using var plans = await PlansAsync(selection with { Plain = null }, ct);
        Task<int> CountAsync() => cache.GetOrCreateAsync(selection.CountKey, () => selection.Events.CountAsync(ct));
        last = last && request.Number == int.MaxValue;
        var number = last ? Math.Max(1, (await CountAsync() + request.Size - 1) / request.Size) : request.Number;
        var offset = (long)(number - 1) * request.Size;
        if (offset > int.MaxValue)
        {
            return null;
        }
        var results = await PageAsync(selection, (int)offset, request.Size, ct);
        if (results.Count == 0 && number > 1)
        {
            return null;
        }
        var count = results.Count < request.Size ? (int)offset + results.Count : await CountAsync();
        return new ListedPage(results, count, number, Math.Max(1, (count + request.Size - 1) / request.Size));
    }

    /// <summary>
    /// Events <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="limit"/> of the list, as items.
    /// A plain filter's page is read by a query compiled once (<see cref="PlainPages"/>,
    /// docs/decisions/compiled-plain-pages.md), in its own planning scope (<see cref="PlansAsync"/>): the count
    /// stays out of it, as a generic plan suits the page's ordered walk, not a count.
    /// </summary>
    public async Task<List<EventResponse>> PageAsync(Selection selection, int offset, int limit, CancellationToken ct)
    {
        if (selection.Plain is not { } p)
        {
            return await ReadAsync(selection, offset, limit, EventResponse.Projection, ct);
        }
        var page = new List<EventResponse>(limit);
        await using var plans = await PlansAsync(selection, ct);
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
        private static readonly Expression<Func<AppDbContext, string?, DateTime, DateTime?, int?, int, int, IQueryable<EventResponse>>> ByDate =
            (db, cityKey, from, to, categoryId, offset, limit) =>
                db.Events.AsNoTracking()
                    .Where(e => db.Events.Where(Event.IsPublic)
                        .Where(x => (cityKey == null || x.CityKey == cityKey) && x.EventDate >= from && (to == null || x.EventDate <= to)
                            && (categoryId == null || x.CategoryId == categoryId) && x.Lifecycle != EventLifecycle.Cancelled)
                        .OrderBy(x => x.EventDate).ThenBy(x => x.Id).Skip(offset).Take(limit).Select(x => x.Id)
                        .Contains(e.Id))
                    .OrderBy(e => e.EventDate).ThenBy(e => e.Id)
                    .Select(EventResponse.Projection);

        public Func<AppDbContext, string?, DateTime, DateTime?, int?, int, int, IAsyncEnumerable<EventResponse>> Ascending { get; } =
            EF.CompileAsyncQuery(ByDate);

        /// <summary>The same query with every ordering reversed (newest first, ties by id descending).</summary>
        public Func<AppDbContext, string?, DateTime, DateTime?, int?, int, int, IAsyncEnumerable<EventResponse>> Descending { get; } =
            EF.CompileAsyncQuery((Expression<Func<AppDbContext, string?, DateTime, DateTime?, int?, int, int, IQueryable<EventResponse>>>)new Reversed().Visit(ByDate));

        /// <summary>Turns OrderBy/ThenBy into OrderByDescending/ThenByDescending.</summary>
        private sealed class Reversed : ExpressionVisitor
        {
            protected override Expression VisitMethodCall(MethodCallExpression node)
            {
                var reversed = node.Method.Name switch
                {
                    nameof(Queryable.OrderBy) => nameof(Queryable.OrderByDescending),
                    nameof(Queryable.ThenBy) => nameof(Queryable.ThenByDescending),
                    _ => null,
                };
                if (reversed is null || node.Method.DeclaringType != typeof(Queryable))
                {
                    return base.VisitMethodCall(node);
                }
                var method = typeof(Queryable).GetMethods()
                    .Single(m => m.Name == reversed && m.GetParameters().Length == 2)
                    .MakeGenericMethod(node.Method.GetGenericArguments());
                return Expression.Call(method, node.Arguments.Select(Visit)!);
            }
        }
    }

    /// <summary>The list's order: by date (or `-event_date`, or nearest first), ties by id.</summary>
    public static IOrderedQueryable<Event> Ordered(IQueryable<Event> events, EventFilters filters) => filters switch
    {
        { ByDistance: true, Near: { } near } => events.OrderByDescending(near.Closeness()).ThenBy(e => e.EventDate).ThenBy(e => e.Id),
        { Descending: true } => events.OrderByDescending(e => e.EventDate).ThenByDescending(e => e.Id),
        _ => events.OrderBy(e => e.EventDate).ThenBy(e => e.Id),
    };

    /// <summary>The first <paramref name="limit"/> events of the selection in list order, read as <typeparamref name="T"/>.</summary>
    public async Task<List<T>> TopAsync<T>(Selection selection, int limit, Expression<Func<Event, T>> projection, CancellationToken ct)
    {
        // The compiled query never reads a feed: only a value-dependent filter changes its planning.
        await using var plans = await PlansAsync(selection with { Plain = null }, ct);
        return await ReadAsync(selection, 0, limit, projection, ct);
    }

    /// <summary>
    /// Events <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="limit"/> of the selection in list order.
    /// Their ids are chosen first, in a subquery the database can answer from its indexes (a search or a circle
    /// with 40,000 candidates sorts 40,000 ids, not 40,000 whole events), and only those rows are read. The
    /// caller holds <see cref="PlansAsync"/> around it.
    /// </summary>
    /// <remarks>
    /// A search of several words, or a circle ordered by date, is looked for first in a <see cref="Window"/> of the
    /// next events in list order: PostgreSQL underestimates how often words of a title come together, and how many
    /// events a city's box holds (docs/decisions/search-window.md).
    /// </remarks>
    public async Task<List<T>> ReadAsync<T>(Selection selection, int offset, int limit, Expression<Func<Event, T>> projection, CancellationToken ct)
    {
        var filters = selection.Filters;
        if (selection.Window is { } w && offset + limit <= MaxWindowedEnd && !filters.ByDistance)
        {
            var window = Ordered(w.Rest, filters).Take((offset + limit) * w.PerEvent);
            var found = await ReadPageAsync(w.Narrow(window), filters, offset, limit, projection, ct);
            if (found.Count == limit)
            {
                return found;
            }
        }
        // A circle whose window held too few is sparse in date order: walking the date index (which carries the
        // coordinates) would read every upcoming event. The limit fences the circle off from the order, so PostgreSQL
        // reads it from its box and sorts what is in it.
        var events = filters is { Near: not null, ByDistance: false } ? selection.Events.Take(int.MaxValue) : selection.Events;
        return await ReadPageAsync(events, filters, offset, limit, projection, ct);
    }

    private async Task<List<T>> ReadPageAsync<T>(IQueryable<Event> events, EventFilters filters, int offset, int limit, Expression<Func<Event, T>> projection, CancellationToken ct)
    {
        var ids = Ordered(events, filters).Skip(offset).Take(limit).Select(e => e.Id);
        return await Ordered(db.Events.AsNoTracking().Where(e => ids.Contains(e.Id)), filters).Select(projection).ToListAsync(ct);
    }
}
