using System.Globalization;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Events;

/// <summary>
/// The list filters shared by the public list, the dashboard and the moderation queue, read from
/// the query string. Unknown parameters are ignored; a malformed value is a field error.
/// </summary>
public sealed record EventFilters(
    string? CityKey,
    string? Category,
    string[] SearchWords,
    DateTime? From,
    DateTime? To,
    string? Status,
    bool Descending)
{
    public const int MaxSearchWords = 10;

    /// <param name="query">The query string.</param>
    /// <param name="errors">Where malformed values are reported.</param>
    /// <param name="zone">The zone a bare date is read in (`Site:TimeZone`); null means UTC.</param>
    public static EventFilters Parse(IQueryCollection query, FieldErrors errors, TimeZoneInfo? zone = null)
    {
        var city = Text(query, "city", errors);
        var category = Text(query, "category", errors);
        var search = Text(query, "search", errors);
        var status = Text(query, "status", errors);
        if (status is not null && !EventStatus.IsKnown(status))
        {
            errors.Add("status", $"Select a valid choice. {status} is not one of the available choices.");
        }
        var from = Date(query, "date_from", errors, endOfDay: false, zone ?? TimeZoneInfo.Utc);
        var to = Date(query, "date_to", errors, endOfDay: true, zone ?? TimeZoneInfo.Utc);
        var words = search?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(Event.FoldSearch).Distinct().Take(MaxSearchWords).ToArray() ?? [];
        var ordering = query["ordering"].ToString().Trim();
        return new EventFilters(
            city is null ? null : Event.FoldCity(city),
            category,
            words,
            from,
            to,
            status,
            ordering == "-event_date");
    }

    /// <summary>Applies city, search and date filters; category and status are resolved by the caller.</summary>
    /// <param name="events">The events to filter.</param>
    /// <param name="upcomingFrom">The lower date bound when `date_from` is absent (the public list's "upcoming").</param>
    public IQueryable<Event> ApplyTo(IQueryable<Event> events, DateTime? upcomingFrom = null)
    {
        if (CityKey is not null)
        {
            events = events.Where(e => e.CityKey == CityKey);
        }
        foreach (var word in SearchWords)
        {
            events = events.Where(e => e.SearchText.Contains(word));
        }
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
        return events;
    }

    /// <summary>Identifies the filtered set (not the page), for caching its count.</summary>
    public string Key(int? categoryId) =>
        string.Join('\u001f', CityKey, Category?.ToLowerInvariant(), string.Join(' ', SearchWords), From?.Ticks, To?.Ticks, Status, categoryId);

    /// <summary>The category's id by slug or name, case-insensitively; 0 when none matches.</summary>
    public async Task<int?> ResolveCategoryAsync(IQueryable<Category> categories, CancellationToken ct) =>
        await ResolveCategoryAsync(categories, null, ct);

    public async Task<int?> ResolveCategoryAsync(IQueryable<Category> categories, PublicCache? cache, CancellationToken ct)
    {
        if (Category is null)
        {
            return null;
        }
        Task<List<CategoryRef>> Load() => categories.AsNoTracking().Select(c => new CategoryRef(c.Id, c.Name, c.Slug)).ToListAsync(ct);
        var all = cache is null ? await Load() : await cache.GetOrCreateAsync("category-refs", Load);
        var match = all.FirstOrDefault(c => string.Equals(c.Slug, Category, StringComparison.OrdinalIgnoreCase))
                    ?? all.FirstOrDefault(c => string.Equals(c.Name, Category, StringComparison.OrdinalIgnoreCase))
                    ?? (int.TryParse(Category, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? all.FirstOrDefault(c => c.Id == id) : null);
        return match?.Id ?? 0;
    }

    public sealed record CategoryRef(int Id, string Name, string Slug);

    private static string? Text(IQueryCollection query, string name, FieldErrors errors)
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
        return raw.Length > 200 ? raw[..200].Trim() : raw.Trim();
    }

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
