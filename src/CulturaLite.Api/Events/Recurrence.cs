using System.Globalization;
using System.Text.Json;
using CulturaLite.Api.Web;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;

namespace CulturaLite.Api.Events;

/// <summary>
/// A series' `recurrence`: an RFC 5545 rule in the subset the API names (FREQ DAILY, WEEKLY or MONTHLY, INTERVAL,
/// BYDAY with an ordinal only for MONTHLY, BYMONTHDAY for MONTHLY, and COUNT or UNTIL) and the local dates it skips.
/// Its dates are computed by Ical.Net in wall-clock time (floating) and placed in `Site:TimeZone`, so a series keeps
/// its hour ("every Saturday at 19:00 India time") whatever the zone's offset does between dates.
/// </summary>
public sealed record Recurrence(string Rule, IReadOnlyList<DateOnly> Exdates)
{
    public const string Field = "recurrence";
    public const int MaxOccurrences = 366;
    public const int MaxYears = 2;

    /// <summary>How many increments Ical.Net may try without finding a date before the rule counts as giving none.</summary>
    private const int MaxUnmatched = 1_000;

    private static readonly string[] Frequencies = ["DAILY", "WEEKLY", "MONTHLY"];

    /// <summary>
    /// The `recurrence` member: an object `{"rule", "exdates"?}` (in multipart, that object as a JSON string); null
    /// when absent. <paramref name="cleared"/> is true for an explicit null or "" (asking to stop being a series).
    /// </summary>
    public static Recurrence? Read(RequestFields fields, FieldErrors errors, out bool cleared)
    {
        cleared = false;
        if (fields.Get(Field) is not { } value)
        {
            return null;
        }
        if (value.IsNull || (value.IsText && string.IsNullOrWhiteSpace(value.Text)))
        {
            cleared = true;
            return null;
        }
        const string shape = "Expected an object {\"rule\": \"FREQ=WEEKLY;BYDAY=SA;COUNT=10\", \"exdates\": [\"2027-01-26\"]}.";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(value.RawJson ?? (value.IsText ? value.Text : null) ?? "", new JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (JsonException)
        {
            errors.Add(Field, shape);
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("rule", out var ruleElement) || ruleElement.ValueKind != JsonValueKind.String)
            {
                errors.Add(Field, shape);
                return null;
            }
            var rule = Normalize(ruleElement.GetString()!, errors);
            var exdates = new List<DateOnly>();
            if (root.TryGetProperty("exdates", out var list) && list.ValueKind != JsonValueKind.Null)
            {
                if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > MaxOccurrences)
                {
                    errors.Add(Field, $"exdates: expected a list of at most {MaxOccurrences} dates (YYYY-MM-DD).");
                    return null;
                }
                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String
                        || !DateOnly.TryParseExact(item.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        errors.Add(Field, "exdates: each date is written YYYY-MM-DD (a day in India time).");
                        return null;
                    }
                    exdates.Add(date);
                }
            }
            return rule is null ? null : new Recurrence(rule, exdates.Distinct().Order().ToList());
        }
    }

    /// <summary>The rule with its parts checked and written in one order (FREQ, INTERVAL, BYDAY, BYMONTHDAY, COUNT|UNTIL); null with a field error.</summary>
    public static string? Normalize(string text, FieldErrors errors)
    {
        var rule = text.Trim();
        if (rule.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase))
        {
            rule = rule[6..];
        }
        if (rule.Length is 0 or > 300)
        {
            errors.Add(Field, "The rule is empty or too long.");
            return null;
        }
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in rule.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var name = eq > 0 ? part[..eq].Trim().ToUpperInvariant() : "";
            if (name.Length == 0 || !parts.TryAdd(name, part[(eq + 1)..].Trim().ToUpperInvariant()))
            {
                errors.Add(Field, $"The rule part \"{Printable(part)}\" is not understood (or given twice).");
                return null;
            }
        }
        if (parts.Keys.FirstOrDefault(k => k is not ("FREQ" or "INTERVAL" or "BYDAY" or "BYMONTHDAY" or "COUNT" or "UNTIL")) is { } unsupported)
        {
            errors.Add(Field, $"{Printable(unsupported)} is not supported: use FREQ (DAILY, WEEKLY, MONTHLY), INTERVAL, BYDAY, BYMONTHDAY, and COUNT or UNTIL.");
            return null;
        }
        if (!parts.TryGetValue("FREQ", out var freq) || !Frequencies.Contains(freq))
        {
            errors.Add(Field, "FREQ must be DAILY, WEEKLY or MONTHLY.");
            return null;
        }
        var written = new List<string> { "FREQ=" + freq };
        if (parts.TryGetValue("INTERVAL", out var interval))
        {
            if (!int.TryParse(interval, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 366)
            {
                errors.Add(Field, "INTERVAL must be a whole number from 1 to 366.");
                return null;
            }
            if (n > 1)
            {
                written.Add("INTERVAL=" + n.ToString(CultureInfo.InvariantCulture));
            }
        }
        if (parts.TryGetValue("BYDAY", out var byDay))
        {
            var days = new List<string>();
            foreach (var day in byDay.Split(','))
            {
                if (ReadDay(day, freq) is not { } checkedDay)
                {
                    errors.Add(Field, freq == "MONTHLY"
                        ? $"BYDAY \"{Printable(day)}\" is not a day: use MO..SU, with an ordinal from -5 to 5 (not 0) for MONTHLY (2SA, -1FR)."
                        : $"BYDAY \"{Printable(day)}\" is not a day: use MO, TU, WE, TH, FR, SA, SU (ordinals such as 2SA only with FREQ=MONTHLY).");
                    return null;
                }
                days.Add(checkedDay);
            }
            written.Add("BYDAY=" + string.Join(',', days.Distinct()));
        }
        if (parts.TryGetValue("BYMONTHDAY", out var byMonthDay))
        {
            if (freq != "MONTHLY")
            {
                errors.Add(Field, "BYMONTHDAY is only supported with FREQ=MONTHLY.");
                return null;
            }
            var days = new List<int>();
            foreach (var day in byMonthDay.Split(','))
            {
                if (!int.TryParse(day, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d) || d is 0 or < -31 or > 31)
                {
                    errors.Add(Field, "BYMONTHDAY takes days from 1 to 31 (or -1 to -31 from the month's end).");
                    return null;
                }
                days.Add(d);
            }
            written.Add("BYMONTHDAY=" + string.Join(',', days.Distinct().Select(d => d.ToString(CultureInfo.InvariantCulture))));
        }
        var hasCount = parts.TryGetValue("COUNT", out var count);
        var hasUntil = parts.TryGetValue("UNTIL", out var until);
        if (hasCount == hasUntil)
        {
            errors.Add(Field, "The rule needs COUNT or UNTIL (one of them, not both): a series has a last date.");
            return null;
        }
        if (hasCount)
        {
            if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var c) || c is < 1 or > MaxOccurrences)
            {
                errors.Add(Field, $"COUNT must be a whole number from 1 to {MaxOccurrences}.");
                return null;
            }
            written.Add("COUNT=" + c.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            if (ReadUntil(until!) is null)
            {
                errors.Add(Field, "UNTIL is a date (20270131) or a UTC time (20270131T183000Z).");
                return null;
            }
            written.Add("UNTIL=" + until);
        }
        return string.Join(';', written);
    }

    /// <summary>
    /// Every date of the series from its first start (UTC): the rule's dates in wall-clock time in <paramref name="zone"/>,
    /// less the exdates; field errors when the first start is not the rule's first date, an exdate is not one of its
    /// dates or is the first, or the series is over <see cref="MaxOccurrences"/> dates or <see cref="MaxYears"/> years.
    /// </summary>
    public Outcome<List<DateTime>> Dates(DateTime firstUtc, TimeZoneInfo zone)
    {
        var errors = new FieldErrors();
        var pattern = new RecurrencePattern(Rule.Contains("UNTIL=", StringComparison.Ordinal) ? string.Join(';', Rule.Split(';').Where(p => !p.StartsWith("UNTIL=", StringComparison.Ordinal))) : Rule);
        pattern.Count = null;
        var count = Part("COUNT") is { } c ? int.Parse(c, CultureInfo.InvariantCulture) : int.MaxValue;
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(firstUtc, DateTimeKind.Utc), zone);
        // iCalendar times are whole seconds: a series' dates are (its first too, when it is placed).
        local = local.AddTicks(-(local.Ticks % TimeSpan.TicksPerSecond));
        var untilLocal = Part("UNTIL") is { } u ? UntilLocal(ReadUntil(u)!.Value, zone) : DateTime.MaxValue;
        var limit = local.AddYears(MaxYears);
        var probe = new CalendarEvent { DtStart = new CalDateTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), (string?)null, true) };
        probe.RecurrenceRule = pattern;
        var all = new List<DateTime>();
        try
        {
            foreach (var occurrence in probe.GetOccurrences(null, new Ical.Net.Evaluation.EvaluationOptions { MaxUnmatchedIncrementsLimit = MaxUnmatched }))
            {
                var start = occurrence.Period.StartTime.Value;
                if (start > untilLocal || all.Count >= count)
                {
                    break;
                }
                if (start > limit || all.Count >= MaxOccurrences)
                {
                    errors.Add(Field, $"A series has at most {MaxOccurrences} dates within {MaxYears} years of its first (event_date): shorten COUNT or UNTIL.");
                    return Outcome<List<DateTime>>.Invalid(errors);
                }
                all.Add(start);
            }
        }
        catch (Ical.Net.Evaluation.EvaluationLimitExceededException)
        {
            // Ical.Net gave up looking for a date: the parts exclude each other (BYMONTHDAY=31 with BYDAY=2SA).
        }
        if (all.Count == 0 || all[0] != local)
        {
            errors.Add(Field, all.Count == 0
                ? "The rule gives no date: its parts exclude each other."
                : $"event_date must be the rule's first date; the rule's first date after it is {DateOnly.FromDateTime(all[0]):yyyy-MM-dd}.");
            return Outcome<List<DateTime>>.Invalid(errors);
        }
        var days = all.Select(DateOnly.FromDateTime).ToHashSet();
        foreach (var exdate in Exdates)
        {
            if (!days.Contains(exdate))
            {
                errors.Add(Field, $"exdates: {exdate:yyyy-MM-dd} is not one of the rule's dates.");
            }
            else if (exdate == DateOnly.FromDateTime(local))
            {
                errors.Add(Field, $"exdates: {exdate:yyyy-MM-dd} is the first date (event_date); move event_date instead.");
            }
        }
        if (errors.Any)
        {
            return Outcome<List<DateTime>>.Invalid(errors);
        }
        var skipped = Exdates.ToHashSet();
        return Outcome<List<DateTime>>.Done(all.Where(d => !skipped.Contains(DateOnly.FromDateTime(d))).Select(d => ToUtc(d, zone)).ToList());
    }

    /// <summary>A local wall-clock time in <paramref name="zone"/> as UTC; a time skipped by a clock change moves an hour on.</summary>
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return zone.IsInvalidTime(unspecified)
            ? TimeZoneInfo.ConvertTimeToUtc(unspecified.AddHours(1), zone)
            : TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }

    private string? Part(string name) =>
        Rule.Split(';').FirstOrDefault(p => p.StartsWith(name + "=", StringComparison.Ordinal)) is { } part ? part[(name.Length + 1)..] : null;

    private static string? ReadDay(string text, string freq)
    {
        var t = text.Trim();
        if (t.Length < 2)
        {
            return null;
        }
        var code = t[^2..];
        if (code is not ("MO" or "TU" or "WE" or "TH" or "FR" or "SA" or "SU"))
        {
            return null;
        }
        var ordinal = t[..^2];
        if (ordinal.Length == 0)
        {
            return code;
        }
        if (freq != "MONTHLY" || !int.TryParse(ordinal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || n is 0 or < -5 or > 5)
        {
            return null;
        }
        return n.ToString(CultureInfo.InvariantCulture) + code;
    }

    /// <summary>UNTIL as written: a date (the whole day counts) or a UTC time.</summary>
    private static (DateTime Value, bool IsDate)? ReadUntil(string text)
    {
        if (DateTime.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (date, true);
        }
        if (DateTime.TryParseExact(text, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
        {
            return (DateTime.SpecifyKind(time, DateTimeKind.Utc), false);
        }
        return null;
    }

    private static DateTime UntilLocal((DateTime Value, bool IsDate) until, TimeZoneInfo zone) =>
        until.IsDate ? until.Value.Date.AddDays(1).AddTicks(-1) : TimeZoneInfo.ConvertTimeFromUtc(until.Value, zone);

    private static string Printable(string text) => new(text.Where(c => !char.IsControl(c)).Take(40).ToArray());
}
