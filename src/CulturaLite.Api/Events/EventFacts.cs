using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json.Serialization;

namespace CulturaLite.Api.Events;

/// <summary>
/// What a visitor decides on besides the date and the place: the price and tickets, the ages, the access, whether it
/// is online, the languages performed in and the performers. Every member optional; its columns stay on
/// <see cref="Event"/> so that the list's filters (free, price, age, access, language) read plain columns.
/// </summary>
public sealed record EventFacts(
    [property: JsonPropertyName("price")] EventPrice? Price,
    [property: JsonPropertyName("ticket_url")] string? TicketUrl,
    [property: JsonPropertyName("age_range")] AgeRange? AgeRange,
    [property: JsonPropertyName("accessibility")] IReadOnlyList<string> Accessibility,
    [property: JsonPropertyName("attendance_mode")] string AttendanceMode,
    [property: JsonPropertyName("online_url")] string? OnlineUrl,
    [property: JsonPropertyName("performance_languages")] IReadOnlyList<string> PerformanceLanguages,
    [property: JsonPropertyName("performers")] IReadOnlyList<string> Performers) : IEventGroup<EventFacts>
{
    public const int UrlMaxLength = 500;
    public const int MaxPerformers = 20;
    public const int PerformerMaxLength = 100;

    public static readonly EventFacts None = new(null, null, null, [], AttendanceModes.Offline, null, [], []);

    public static Expression<Func<Event, EventFacts>> Of { get; } = e => new EventFacts(
        EventPrice.From(e.IsFree, e.PriceMinMinor, e.PriceMaxMinor, e.Currency),
        e.TicketUrl,
        e.AgeMin == null && e.AgeMax == null ? null : new AgeRange(e.AgeMin, e.AgeMax),
        AccessibilityCodes.Of(e.AccessibilityFlags),
        e.AttendanceMode,
        e.OnlineUrl,
        LanguageList.Of(e.PerformanceLanguages),
        e.Performers);
}

/// <summary>The price: free, or from <see cref="Min"/> to <see cref="Max"/> (rupees, or the <see cref="Currency"/>'s units).</summary>
public sealed record EventPrice(bool IsFree, decimal? Min, decimal? Max, string Currency)
{
    public const string DefaultCurrency = "INR";

    /// <summary>The largest price (10,000,000 units), in hundredths.</summary>
    public const long MaxMinor = 10_000_000_00;

    /// <summary>The price from its columns (amounts kept in hundredths); null when the vendor said nothing of it.</summary>
    public static EventPrice? From(bool? isFree, long? minMinor, long? maxMinor, string? currency) =>
        isFree is null && minMinor is null && maxMinor is null
            ? null
            : new EventPrice(isFree ?? false, Units(minMinor), Units(maxMinor), currency ?? DefaultCurrency);

    /// <summary>Hundredths to units, written without trailing zeros (500, 499.5).</summary>
    public static decimal? Units(long? minor) => minor is { } m ? decimal.Divide(m, 100) / 1.000000000000000000000000000000000m : null;

    /// <summary>"Free", "₹200", "₹200 – ₹1,500.50", as people in India read amounts (₹1,00,000), for pages.</summary>
    [JsonIgnore]
    public string? Text => this switch
    {
        { IsFree: true } => "Free",
        { Min: { } min, Max: { } max } when max != min => $"{Money(min)} – {Money(max)}",
        { Min: var min, Max: var max } when (min ?? max) is { } one => Money(one),
        _ => null,
    };

    private string Money(decimal amount) => Site.IndianFormat.Money(amount, Currency);

    /// <summary>Units to hundredths; null when the amount has more than two decimals.</summary>
    public static long? Minor(decimal units) => decimal.Round(units, 2) == units ? (long)(units * 100) : null;
}

/// <summary>The ages the event is for; either bound may be open.</summary>
public sealed record AgeRange(int? Min, int? Max)
{
    public const int Oldest = 120;

    /// <summary>"5 to 12 years", "18 years and over", "up to 12 years", for pages.</summary>
    [JsonIgnore]
    public string Text => (Min, Max) switch
    {
        ({ } min, { } max) => $"{min} to {max} years",
        ({ } min, null) => $"{min} years and over",
        (null, { } max) => $"up to {max} years",
        _ => "all ages",
    };

    /// <summary>schema.org's typicalAgeRange: "5-12", "18-".</summary>
    [JsonIgnore]
    public string Typical => string.Create(CultureInfo.InvariantCulture, $"{Min}-{Max}");
}

/// <summary>`offline` (at a venue), `online`, or `mixed` (both).</summary>
public static class AttendanceModes
{
    public const string Offline = "offline";
    public const string Online = "online";
    public const string Mixed = "mixed";

    public static readonly string[] All = [Offline, Online, Mixed];

    public const int MaxLength = 10;
}

/// <summary>The accessibility codes, kept as bits of one column so that "all of these" is one comparison.</summary>
public static class AccessibilityCodes
{
    /// <summary>Every code, in the order items list them; a code's bit is its position.</summary>
    public static readonly string[] All =
        ["wheelchair", "accessible_toilet", "step_free", "seating", "sign_language", "captions", "audio_description", "hearing_loop", "quiet_space"];

    public static IReadOnlyList<string> Of(int flags) => flags == 0 ? [] : [.. All.Where((_, i) => (flags & (1 << i)) != 0)];

    /// <summary>The bits of <paramref name="codes"/>; null when one is not a known code.</summary>
    public static int? Flags(IEnumerable<string> codes)
    {
        var flags = 0;
        foreach (var code in codes)
        {
            var i = Array.IndexOf(All, code);
            if (i < 0)
            {
                return null;
            }
            flags |= 1 << i;
        }
        return flags;
    }
}

/// <summary>Language codes kept in one column as ",hi,ta,", so that one language is a substring test on every database.</summary>
public static class LanguageList
{
    public static string Format(IEnumerable<string> codes)
    {
        var list = codes.ToList();
        return list.Count == 0 ? "" : "," + string.Join(',', list) + ",";
    }

    public static IReadOnlyList<string> Of(string stored) =>
        string.IsNullOrEmpty(stored) ? [] : stored.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>An ISO 639 code as the lists take it: two or three lower-case letters.</summary>
    public static bool IsCode(string code) => code.Length is 2 or 3 && code.All(char.IsAsciiLetterLower);

    /// <summary>What a column holding <paramref name="code"/> contains.</summary>
    public static string Needle(string code) => "," + code + ",";
}
