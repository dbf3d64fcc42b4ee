using System.Globalization;

namespace CulturaLite.Api.Site;

/// <summary>
/// Dates, times, numbers and money as people in India read them: "Sat, 14 Mar, 7:00 pm" in India time
/// (`Site:TimeZone`), ₹1,500 and ₹1,00,000 (lakh grouping), in the interface's language.
/// </summary>
public static class IndianFormat
{
    /// <summary>A start for people: "Sat, 14 Mar, 7:00 pm" (the year only when it is not the current one).</summary>
    public static string When(DateTime utc, TimeZoneInfo zone, DateTime? nowUtc = null)
    {
        var culture = CultureInfo.CurrentCulture;
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        var thisYear = TimeZoneInfo.ConvertTimeFromUtc(nowUtc ?? DateTime.UtcNow, zone).Year;
        var day = local.ToString(local.Year == thisYear ? "ddd, d MMM" : "ddd, d MMM yyyy", culture);
        return $"{day}, {Time(local, culture)}";
    }

    /// <summary>A day alone: "Sat, 14 Mar 2027".</summary>
    public static string Day(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("ddd, d MMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>"7:00 pm": hours of 12 with a lower-case designator, as Indian English writes it.</summary>
    private static string Time(DateTime local, CultureInfo culture)
    {
        var designator = local.Hour < 12 ? culture.DateTimeFormat.AMDesignator : culture.DateTimeFormat.PMDesignator;
        var hour = local.Hour % 12 == 0 ? 12 : local.Hour % 12;
        return $"{hour.ToString(culture)}:{local.Minute.ToString("00", culture)} {designator.ToLower(culture)}".TrimEnd();
    }

    /// <summary>A number with Indian grouping, whatever the interface language (Hindi also writes 1,00,000): 1,500; 1,00,000; 249.50.</summary>
    public static string Number(decimal value) => value.ToString(value == decimal.Truncate(value) ? "#,##0" : "#,##0.00", India);

    /// <summary>An amount: "₹1,500", "₹1,00,000", "₹249.50"; another currency by its code ("USD 20").</summary>
    public static string Money(decimal amount, string currency) =>
        (currency == Events.EventPrice.DefaultCurrency ? "₹" : currency + " ") + Number(amount);

    private static readonly CultureInfo India = CultureInfo.GetCultureInfo("en-IN");
}
