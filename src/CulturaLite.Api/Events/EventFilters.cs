using System.Globalization;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Events;

/// <summary>
/// The list filters shared by the public list, the dashboard and the moderation queue, read from
/// the query string. Unknown parameters are ignored; a malformed value is a field error.
/// </summary>
public sealed partial record EventFilters(
    string? City,
    string? Category,
    string[] SearchWords,
    DateTime? From,
    DateTime? To,
    string? Status,
    bool Descending)
{
    public const int MaxSearchWords = 10;
    public const int MaxSearchLength = 200;

    /// <summary>`near` and `radius_km`, when given.</summary>
    public Nearby? Near { get; init; }

    /// <summary>A `search` with no word in it at all (only punctuation): it matches nothing, as a substring search would not.</summary>
    public bool SearchesNothing { get; init; }

    /// <summary>`ordering=distance`: nearest first (only with `near`).</summary>
    public bool ByDistance { get; init; }

    /// <param name="query">The query string.</param>
    /// <param name="errors">Where malformed values are reported.</param>
    /// <param name="zone">The zone a bare date is read in (`Site:TimeZone`); null means UTC.</param>
    public static EventFilters Parse(IQueryCollection query, FieldErrors errors, TimeZoneInfo? zone = null)
    {
        var city = Text(query, "city", errors);
        var category = Text(query, "category", errors);
        var words = Search(query, errors, out var searchesNothing);
        var status = Text(query, "status", errors);
        if (status is not null && !EventStatus.IsKnown(status))
        {
            errors.Add("status", $"Select a valid choice. {status} is not one of the available choices.");
        }
        var from = Date(query, "date_from", errors, endOfDay: false, zone ?? TimeZoneInfo.Utc);
        var to = Date(query, "date_to", errors, endOfDay: true, zone ?? TimeZoneInfo.Utc);
        var near = Nearby.Parse(query, errors);
        var ordering = query["ordering"].ToString().Trim();
        if (ordering == "distance" && near is null && !errors.Has("near"))
        {
            errors.Add("ordering", "Ordering by distance needs near=LAT,LON.");
        }
        return new EventFilters(
            city is null ? null : Events.City.Tidy(city),
            category,
            words,
            from,
            to,
            status,
            ordering == "-event_date")
        {
            Near = near,
            SearchesNothing = searchesNothing,
            ByDistance = ordering == "distance" && near is not null,
        };
    }

    /// <summary>Applies city, search, date, distance and status filters; category is resolved by the caller.</summary>
    /// <param name="events">The events to filter.</param>
    /// <param name="db">The context the query runs on (search is served by each database's own index).</param>
    /// <param name="cities">Known city names: `city=Bombay` lists Mumbai's events.</param>
    /// <param name="upcomingFrom">The lower date bound when `date_from` is absent (the public list's "upcoming").</param>
    public IQueryable<Event> ApplyTo(IQueryable<Event> events, Data.AppDbContext db, CityLookup cities, DateTime? upcomingFrom = null)
    {
        if (City is not null)
        {
            var key = cities.KeyOf(City);
            events = events.Where(e => e.CityKey == key);
        }
        events = SearchesNothing ? events.Where(e => false) : EventSearch.Matching(events, db, SearchWords);
        if ((From ?? upcomingFrom) is { } from)
        {
            events = events.Where(e => e.EventDate >= from);
        }
        if (To is { } to)
        {
            events = events.Where(e => e.EventDate <= to);
        }
        if (Status is not null)
        {
            events = events.Where(e => e.Status == Status);
        }
        if (Near is { } near)
        {
            events = near.Within(events);
        }
        return events;
    }

    /// <summary>Identifies the filtered set (not the page), for caching its count.</summary>
    public string Key() =>
        string.Join('\u001f', City is null ? null : Events.City.Fold(City), Category?.ToLowerInvariant(), SearchesNothing ? "\u0001" : string.Join(' ', SearchWords),
            From?.Ticks, To?.Ticks, Status, Near?.Key);

    /// <summary>
    /// Applies the `category` filter (<see cref="CategoryRef.Find"/>): unchanged without one, nothing when it
    /// names no category.
    /// </summary>
    /// <param name="events">The events to filter.</param>
    /// <param name="categories">The categories, to resolve the name.</param>
    /// <param name="cache">The public cache that keeps the category list (null: read it).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IQueryable<Event>> ApplyCategoryAsync(IQueryable<Event> events, IQueryable<Category> categories, PublicCache? cache, CancellationToken ct) =>
        ApplyCategory(events, await FindCategoryAsync(categories, cache, ct));

    /// <summary>The `category` filter with its category already found (<see cref="FindCategoryAsync"/>).</summary>
    public IQueryable<Event> ApplyCategory(IQueryable<Event> events, CategoryRef? found) =>
        Category is null ? events : found is { Id: var id } ? events.Where(e => e.CategoryId == id) : events.Where(e => false);

    /// <summary>The category the `category` filter names (<see cref="CategoryRef.Find"/>); null without one or when it names none.</summary>
    public async Task<CategoryRef?> FindCategoryAsync(IQueryable<Category> categories, PublicCache? cache, CancellationToken ct)
    {
        if (Category is null)
        {
            return null;
        }
        Task<List<CategoryRef>> Load() => categories.AsNoTracking().Select(c => new CategoryRef(c.Id, c.Name, c.Slug)).ToListAsync(ct);
        var all = cache is null ? await Load() : await cache.GetOrCreateAsync("category-refs", Load);
        return CategoryRef.Find(all, Category);
    }

    /// <summary>The distinct search words (<see cref="Events.SearchWords"/>); too long or too many is a field error.</summary>
    private static string[] Search(IQueryCollection query, FieldErrors errors, out bool nothing)
    {
        var raw = Text(query, "search", errors, truncate: false);
        nothing = false;
        if (raw is null)
        {
            return [];
        }
        if (raw.Length > MaxSearchLength)
        {
            errors.Add("search", $"Ensure this field has no more than {MaxSearchLength} characters.");
            return [];
        }
        var words = Events.SearchWords.Split(raw).Distinct().ToArray();
        nothing = words.Length == 0;
        if (words.Length > MaxSearchWords)
        {
            errors.Add("search", $"Search with at most {MaxSearchWords} words.");
            return [];
        }
        return words;
    }

    /// <summary>
    /// A query value, trimmed. NUL and text that was not valid UTF-8 (it arrives as U+FFFD, for example
    /// a lone surrogate's bytes) are field errors: no real name or word contains them.
    /// </summary>
    internal static string? Text(IQueryCollection query, string name, FieldErrors errors, bool truncate = true)
    {
        var raw = query[name].ToString();
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        if (raw.Contains('\0'))
        {
            errors.Add(name, "Null characters are not allowed.");
            return null;
        }
        if (raw.Contains('\uFFFD') || !FieldErrors.IsWellFormed(raw) || UndecodedBytes().IsMatch(raw))
        {
            errors.Add(name, "Enter valid text: the value is not valid UTF-8.");
            return null;
        }
        return truncate && raw.Length > 200 ? raw[..200].Trim() : raw.Trim();
    }

    /// <summary>
    /// A percent-escape of a non-ASCII byte (or a %uXXXX surrogate) that survived decoding: ASP.NET leaves
    /// escapes that are not valid UTF-8 as they were, so this is how a lone surrogate or a stray byte arrives.
    /// </summary>
    [System.Text.RegularExpressions.GeneratedRegex("%(?:[89A-Fa-f][0-9A-Fa-f]|[uU][dD][89A-Fa-f][0-9A-Fa-f]{2})")]
    private static partial System.Text.RegularExpressions.Regex UndecodedBytes();

    /// <summary>
    /// An ISO date (that whole day in <paramref name="zone"/>) or date-time; date_to with a bare date
    /// includes that whole day. Bounds past either end of the calendar are clamped, never an error.
    /// </summary>
    private static DateTime? Date(IQueryCollection query, string name, FieldErrors errors, bool endOfDay, TimeZoneInfo zone)
    {
        var raw = Text(query, name, errors);
        if (raw is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return endOfDay
                ? (day == DateOnly.MaxValue ? MaxUtc : StartOfDayUtc(day.AddDays(1), zone).AddTicks(-10))
                : StartOfDayUtc(day, zone);
        }
        if (UtcDateTimeConverter.TryParse(raw, out var moment))
        {
            return moment;
        }
        errors.Add(name, "Enter a valid date or date-time (ISO 8601).");
        return null;
    }

    /// <summary>Midnight of <paramref name="day"/> in <paramref name="zone"/>, in UTC, clamped to the calendar.</summary>
    public static DateTime StartOfDayUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var offset = zone.GetUtcOffset(local);
        var ticks = local.Ticks - offset.Ticks;
        return ticks < DateTime.MinValue.Ticks ? MinUtc
            : ticks > DateTime.MaxValue.Ticks ? MaxUtc
            : new DateTime(ticks, DateTimeKind.Utc);
    }

    private static readonly DateTime MinUtc = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);
    private static readonly DateTime MaxUtc = DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);
}
