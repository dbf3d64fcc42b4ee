using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Events;

/// <summary>
/// One list filter, declared once: the query parameters it reads, how it parses them (with its field error),
/// how it narrows the events, its part of the count key, and whether the compiled plain-page query serves it.
/// Everything else is derived from <see cref="All"/>: what the lists parse, what their cache entries and
/// links vary by, and which queries read them. A new filter is one entry in <see cref="All"/>.
/// </summary>
public abstract class EventFilter
{
    /// <summary>The query parameter that names it (and its field errors).</summary>
    public required string Name { get; init; }

    /// <summary>Every query parameter it reads (its <see cref="Name"/> first).</summary>
    public IReadOnlyList<string> QueryNames => [Name, .. AlsoReads];

    /// <summary>Parameters it reads besides its name (`radius_km` with `near`).</summary>
    public IReadOnlyList<string> AlsoReads { get; init; } = [];

    /// <summary>Read by the public list and its feeds (and so part of their cache keys). The others: dashboard and admin only.</summary>
    public bool IsPublic { get; init; } = true;

    /// <summary>
    /// A filter whose best plan depends on its value (a word that matches ten events or a hundred thousand):
    /// PostgreSQL plans its queries for the value (<see cref="QueryPlans.PerValueAsync"/>).
    /// </summary>
    public bool PlannedPerValue { get; init; }

    /// <summary>Names a category: the scope loads the categories first.</summary>
    public bool UsesCategories { get; init; }

    /// <summary>Whether the compiled plain-page query may serve it. When not, a request with it goes to the general query.</summary>
    public abstract bool ServedByCompiledQuery { get; }

    internal abstract object? Read(IQueryCollection query, FieldErrors errors, TimeZoneInfo zone);

    internal abstract IQueryable<Event> Narrow(IQueryable<Event> events, object value, FilterScope scope);

    internal abstract string Key(object value, FilterScope scope);

    internal abstract PublicListing.PlainFilter? Serve(PublicListing.PlainFilter plain, object value, FilterScope scope);

    internal abstract object? DefaultValue(FilterScope scope);

    public override string ToString() => Name;

    public static readonly EventFilter<string> City = new()
    {
        Name = "city",
        Parse = (query, errors, _) => QueryText.Read(query, "city", errors) is { } city ? CityNames.Tidy(city) : null,
        Filter = (events, city, scope) =>
        {
            var key = scope.Cities.KeyOf(city);
            return events.Where(e => e.CityKey == key);
        },
        // Any name of a city counts the same events: "Bombay" and "Mumbai" share one count.
        CountKey = (city, scope) => scope.Cities.KeyOf(city),
        Compiled = (plain, city, scope) => plain with { CityKey = scope.Cities.KeyOf(city) },
    };

    public static readonly EventFilter<string> Category = new()
    {
        Name = "category",
        UsesCategories = true,
        Parse = (query, errors, _) => QueryText.Read(query, "category", errors),
        Filter = (events, text, scope) => scope.FindCategory(text) is { Id: var id } ? events.Where(e => e.CategoryId == id) : events.Where(e => false),
        CountKey = (text, scope) => scope.FindCategory(text) is { Id: var id } ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none",
        // A name that is no category lists nothing: the general query says so.
        Compiled = (plain, text, scope) => scope.FindCategory(text) is { Id: var id } ? plain with { CategoryId = id } : null,
    };

    public static readonly EventFilter<SearchTerms> Search = new()
    {
        Name = "search",
        PlannedPerValue = true,
        Parse = (query, errors, _) => SearchTerms.Parse(query, errors),
        Filter = (events, terms, scope) => terms.Words.Length == 0 ? events.Where(e => false) : EventSearch.Matching(events, scope.Db, terms.Words),
        CountKey = (terms, _) => terms.Words.Length == 0 ? "\u0001" : string.Join(' ', terms.Words),
    };

    public static readonly EventFilter<DateTime?> DateFrom = new()
    {
        Name = "date_from",
        Parse = (query, errors, zone) => QueryText.Date(query, "date_from", errors, endOfDay: false, zone),
        Filter = (events, from, _) => events.Where(e => e.EventDate >= from!.Value),
        CountKey = (from, _) => from!.Value.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Compiled = (plain, from, _) => plain with { From = from!.Value },
        // Without date_from a visitor sees what is still to come (the public list); the key names no default.
        Default = scope => scope.UpcomingFrom,
    };

    public static readonly EventFilter<DateTime?> DateTo = new()
    {
        Name = "date_to",
        Parse = (query, errors, zone) => QueryText.Date(query, "date_to", errors, endOfDay: true, zone),
        Filter = (events, to, _) => events.Where(e => e.EventDate <= to!.Value),
        CountKey = (to, _) => to!.Value.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Compiled = (plain, to, _) => plain with { To = to!.Value },
    };

    /// <summary>The moderation status: the dashboard and the admin lists only (the public list is approved events).</summary>
    public static readonly EventFilter<string> Status = new()
    {
        Name = "status",
        IsPublic = false,
        Parse = (query, errors, _) =>
        {
            var status = QueryText.Read(query, "status", errors);
            if (status is not null && !EventStatus.IsKnown(status))
            {
                errors.Add("status", $"Select a valid choice. {status} is not one of the available choices.");
                return null;
            }
            return status;
        },
        Filter = (events, status, _) => events.Where(e => e.Status == status),
        CountKey = (status, _) => status,
    };

    public static readonly EventFilter<Nearby> Near = new()
    {
        Name = "near",
        AlsoReads = ["radius_km"],
        PlannedPerValue = true,
        Parse = (query, errors, _) => Nearby.Parse(query, errors),
        Filter = (events, near, _) => near.Within(events),
        CountKey = (near, _) => near.Key,
    };

    /// <summary>Every filter, in the order they narrow a query.</summary>
    public static readonly IReadOnlyList<EventFilter> All = [City, Category, Search, DateFrom, DateTo, Status, Near,
        FactFilters.IsFree, FactFilters.PriceMax, FactFilters.AttendanceMode, FactFilters.Age, FactFilters.Accessibility, FactFilters.PerformanceLanguage, FactFilters.Organizer, FactFilters.Standing,
        GroupFilters.Series, GroupFilters.Festival];

    /// <summary>The parameters of the public list's filters (and `ordering`), as the list and its feeds read them.</summary>
    public static readonly string[] PublicQueryNames = [.. All.Where(f => f.IsPublic).SelectMany(f => f.QueryNames), EventFilters.OrderingName];

    /// <summary>The parameters of every filter (and `ordering`): what the dashboard and the admin lists read.</summary>
    public static readonly string[] AllQueryNames = [.. All.SelectMany(f => f.QueryNames), EventFilters.OrderingName];
}

/// <summary>A filter whose parsed value is a <typeparamref name="T"/> (null: not given).</summary>
public sealed class EventFilter<T> : EventFilter
{
    /// <summary>The value, or null when the parameter is absent or malformed (then with its field error).</summary>
    public required Func<IQueryCollection, FieldErrors, TimeZoneInfo, T?> Parse { get; init; }

    /// <summary>How it narrows the events.</summary>
    public required Func<IQueryable<Event>, T, FilterScope, IQueryable<Event>> Filter { get; init; }

    /// <summary>Its part of the count's cache key: equal for two values exactly when they select the same events.</summary>
    public required Func<T, FilterScope, string> CountKey { get; init; }

    /// <summary>
    /// Its value among the compiled plain-page query's parameters; null for a value that query cannot serve.
    /// Without it the filter is never served by the compiled query (it fails closed, to the general query).
    /// </summary>
    public Func<PublicListing.PlainFilter, T, FilterScope, PublicListing.PlainFilter?>? Compiled { get; init; }

    /// <summary>The value it takes when not given (for narrowing only, never for the key); null: none.</summary>
    public Func<FilterScope, T?>? Default { get; init; }

    public override bool ServedByCompiledQuery => Compiled is not null;

    internal override object? Read(IQueryCollection query, FieldErrors errors, TimeZoneInfo zone) => Parse(query, errors, zone);

    internal override IQueryable<Event> Narrow(IQueryable<Event> events, object value, FilterScope scope) => Filter(events, (T)value, scope);

    internal override string Key(object value, FilterScope scope) => CountKey((T)value, scope);

    internal override PublicListing.PlainFilter? Serve(PublicListing.PlainFilter plain, object value, FilterScope scope) =>
        Compiled?.Invoke(plain, (T)value, scope);

    internal override object? DefaultValue(FilterScope scope) => Default is null ? null : Default(scope);
}

/// <summary>The words of a `search` (none when it held only punctuation: it then matches nothing).</summary>
public sealed record SearchTerms(string[] Words)
{
    public const int MaxWords = 10;
    public const int MaxLength = 200;

    /// <summary>The distinct search words (<see cref="SearchWords"/>); too long or too many is a field error.</summary>
    public static SearchTerms? Parse(IQueryCollection query, FieldErrors errors)
    {
        var raw = QueryText.Read(query, "search", errors, truncate: false);
        if (raw is null)
        {
            return null;
        }
        if (raw.Length > MaxLength)
        {
            errors.Add("search", $"Ensure this field has no more than {MaxLength} characters.");
            return null;
        }
        var words = SearchWords.Split(raw).Distinct().ToArray();
        if (words.Length > MaxWords)
        {
            errors.Add("search", $"Search with at most {MaxWords} words.");
            return null;
        }
        return new SearchTerms(words);
    }
}

/// <summary>What filters may use while narrowing a query: the database, the known cities, the categories, the clock.</summary>
public sealed class FilterScope
{
    private FilterScope(AppDbContext db, CityNameIndex cities, IReadOnlyList<CategoryRef> categories, DateTime? upcomingFrom, bool hidesCancelled)
    {
        Db = db;
        Cities = cities;
        Categories = categories;
        UpcomingFrom = upcomingFrom;
        HidesCancelled = hidesCancelled;
    }

    /// <summary>Cancelled events are left out unless `include_cancelled=true` or `event_status` asks for them (the public list).</summary>
    public bool HidesCancelled { get; }

    public AppDbContext Db { get; }

    public CityNameIndex Cities { get; }

    /// <summary>Loaded only when a filter that <see cref="EventFilter.UsesCategories"/> is given.</summary>
    public IReadOnlyList<CategoryRef> Categories { get; }

    /// <summary>The lower date bound when `date_from` is absent (the public list's "upcoming"); null: none.</summary>
    public DateTime? UpcomingFrom { get; }

    /// <summary>The category a filter names (<see cref="CategoryRef.Find"/>), or null.</summary>
    public CategoryRef? FindCategory(string text) => CategoryRef.Find(Categories, text);

    /// <param name="filters">The filters it serves (they say what it must load).</param>
    /// <param name="db">The context the queries run on.</param>
    /// <param name="cities">Known city names.</param>
    /// <param name="cache">The public cache that keeps the category list (null: read it).</param>
    /// <param name="upcomingFrom">See <see cref="UpcomingFrom"/>.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="hidesCancelled">See <see cref="HidesCancelled"/>.</param>
    public static async Task<FilterScope> CreateAsync(EventFilters filters, AppDbContext db, CityNameIndex cities, PublicCache? cache, DateTime? upcomingFrom, CancellationToken ct,
        bool hidesCancelled = false)
    {
        IReadOnlyList<CategoryRef> categories = [];
        if (filters.Given.Any(f => f.UsesCategories))
        {
            Task<List<CategoryRef>> Load() => db.Categories.AsNoTracking().Select(c => new CategoryRef(c.Id, c.Name, c.Slug)).ToListAsync(ct);
            categories = cache is null ? await Load() : await cache.GetOrCreateAsync("category-refs", Load);
        }
        return new FilterScope(db, cities, categories, upcomingFrom, hidesCancelled);
    }
}
