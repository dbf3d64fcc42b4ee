using System.Globalization;
using CulturaLite.Api.Web;

namespace CulturaLite.Api.Events;

/// <summary>
/// The filters a request gave (each declared once in <see cref="EventFilter.All"/>) and its order, read from the
/// query string. Unknown parameters are ignored; a malformed value is a field error.
/// </summary>
public sealed class EventFilters
{
    public const string OrderingName = "ordering";

    private readonly IReadOnlyDictionary<EventFilter, object> values;

    private EventFilters(IReadOnlyDictionary<EventFilter, object> values, bool descending, bool byDistance)
    {
        this.values = values;
        Descending = descending;
        ByDistance = byDistance;
    }

    /// <summary>`ordering=-event_date`.</summary>
    public bool Descending { get; }

    /// <summary>`ordering=distance`: nearest first (only with `near`).</summary>
    public bool ByDistance { get; }

    /// <summary>The filters given, in the order of <see cref="EventFilter.All"/>.</summary>
    public IEnumerable<EventFilter> Given => EventFilter.All.Where(values.ContainsKey);

    /// <summary>A filter's value, or null when it was not given.</summary>
    public T? Get<T>(EventFilter<T> filter) => values.TryGetValue(filter, out var value) ? (T)value : default;

    /// <summary>The same filters without <paramref name="filter"/>.</summary>
    public EventFilters Without(EventFilter filter) =>
        new(values.Where(kv => kv.Key != filter).ToDictionary(), Descending, ByDistance);

    public string? City => Get(EventFilter.City);

    public string? Status => Get(EventFilter.Status);

    public DateTime? From => Get(EventFilter.DateFrom);

    public DateTime? To => Get(EventFilter.DateTo);

    public Nearby? Near => Get(EventFilter.Near);

    /// <summary>The search words (none without a search).</summary>
    public string[] SearchWords => Get(EventFilter.Search)?.Words ?? [];

    /// <summary>Some filter's best plan depends on its value (<see cref="EventFilter.PlannedPerValue"/>).</summary>
    public bool PlannedPerValue => Given.Any(f => f.PlannedPerValue);

    /// <param name="query">The query string.</param>
    /// <param name="errors">Where malformed values are reported.</param>
    /// <param name="zone">The zone a bare date is read in (`Site:TimeZone`); null means UTC.</param>
    /// <param name="publicOnly">Only the public filters (<see cref="EventFilter.IsPublic"/>): the public list and feeds.</param>
    public static EventFilters Parse(IQueryCollection query, FieldErrors errors, TimeZoneInfo? zone = null, bool publicOnly = false)
    {
        var values = new Dictionary<EventFilter, object>();
        foreach (var filter in EventFilter.All.Where(f => f.IsPublic || !publicOnly))
        {
            if (filter.Read(query, errors, zone ?? TimeZoneInfo.Utc) is { } value)
            {
                values[filter] = value;
            }
        }
        var ordering = query[OrderingName].ToString().Trim();
        var near = values.ContainsKey(EventFilter.Near);
        if (ordering == "distance" && !near && !errors.Has(EventFilter.Near.Name))
        {
            errors.Add(OrderingName, "Ordering by distance needs near=LAT,LON.");
        }
        return new EventFilters(values, ordering == "-event_date", ordering == "distance" && near);
    }

    /// <summary>Narrows <paramref name="events"/> by every filter given (and those with a default, such as "upcoming").</summary>
    public IQueryable<Event> ApplyTo(IQueryable<Event> events, FilterScope scope)
    {
        foreach (var filter in EventFilter.All)
        {
            if ((values.TryGetValue(filter, out var value) ? value : filter.DefaultValue(scope)) is { } effective)
            {
                events = filter.Narrow(events, effective, scope);
            }
        }
        return events;
    }

    /// <summary>Identifies the filtered set (not the page, not the order), for caching its count.</summary>
    public string Key(FilterScope scope) =>
        string.Join('\u001f', Given.Select(f => f.Name + "=" + f.Key(values[f], scope)));

    /// <summary>
    /// The compiled plain-page query's parameters for these filters, or null when a filter given (or its
    /// value) is not one it serves: then the general query reads the page.
    /// </summary>
    public PublicListing.PlainFilter? Plain(FilterScope scope)
    {
        if (ByDistance)
        {
            return null;
        }
        PublicListing.PlainFilter? plain = new(null, DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc), null, null, Descending);
        foreach (var filter in EventFilter.All)
        {
            if ((values.TryGetValue(filter, out var value) ? value : filter.DefaultValue(scope)) is not { } effective)
            {
                continue;
            }
            plain = filter.Serve(plain, effective, scope);
            if (plain is null)
            {
                return null;
            }
        }
        return plain;
    }
}

/// <summary>Query-string values as the filters read them: trimmed text and dates.</summary>
public static partial class QueryText
{
    /// <summary>
    /// A query value, trimmed. NUL and text that was not valid UTF-8 (it arrives as U+FFFD, for example
    /// a lone surrogate's bytes) are field errors: no real name or word contains them.
    /// </summary>
    public static string? Read(IQueryCollection query, string name, FieldErrors errors, bool truncate = true)
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
    public static DateTime? Date(IQueryCollection query, string name, FieldErrors errors, bool endOfDay, TimeZoneInfo zone)
    {
        var raw = Read(query, name, errors);
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
