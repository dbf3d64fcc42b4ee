using System.Globalization;
using System.Text.Json;
using CulturaLite.Api.Web;

namespace CulturaLite.Api.Portal;

/// <summary>
/// What a browser's form sends, made into what the API reads, and nothing more: a `datetime-local` in India time
/// becomes ISO 8601 with its offset, an unticked box becomes "" (a form leaves it out, which the API reads as "keep"),
/// and the translation blocks become the `translations` object. Every rule stays in the API's form reader.
/// </summary>
public static class PortalForm
{
    /// <summary>"2027-03-14T19:00" read in <paramref name="zone"/>: "2027-03-14T19:00:00+05:30"; anything else as typed (the API then names the error).</summary>
    public static string LocalToIso(string text, TimeZoneInfo zone)
    {
        if (!DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return text;
        }
        var offset = zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    /// <summary>A stored UTC time as a `datetime-local` value in <paramref name="zone"/>.</summary>
    public static string IsoToLocal(DateTime? utc, TimeZoneInfo zone) => utc is { } value
        ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)
        : "";

    /// <summary>The members named as local times, turned into ISO 8601 with the site's offset.</summary>
    public static void Dates(RequestFields fields, TimeZoneInfo zone, params string[] names)
    {
        foreach (var name in names)
        {
            if (fields.Get(name) is { IsText: true, Text: { Length: > 0 } text })
            {
                fields.With(name, LocalToIso(text, zone));
            }
        }
    }

    /// <summary>Boxes left unticked are sent as "" (cleared), as the form shows every one.</summary>
    public static void Unticked(RequestFields fields, params string[] names)
    {
        foreach (var name in names.Where(n => !fields.Has(n)))
        {
            fields.With(name, "");
        }
    }

    /// <summary>
    /// The repeat fields as the API's `recurrence`: a rule typed in `repeat_rule`, or else the frequency chosen in
    /// `recurrence` with `repeat_count` dates (on the start's weekday or day of the month), and `exdates` (days separated
    /// by commas). Nothing chosen leaves `recurrence` out, which keeps a series' rule and makes no series of a new event.
    /// </summary>
    public static void Recurrence(RequestFields fields)
    {
        var rule = fields.Get("repeat_rule")?.Text?.Trim() ?? "";
        var frequency = fields.Get("recurrence")?.Text?.Trim() ?? "";
        var count = fields.Get("repeat_count")?.Text?.Trim() ?? "";
        var exdates = (fields.Get("exdates")?.Text ?? "").Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var name in new[] { "repeat_rule", "repeat_count", "exdates", "recurrence" })
        {
            fields.Without(name);
        }
        if (rule.Length == 0 && frequency.Length > 0)
        {
            rule = $"FREQ={frequency};COUNT={(count.Length > 0 ? count : "0")}";
        }
        if (rule.Length > 0)
        {
            fields.With("recurrence", JsonSerializer.Serialize(new { rule, exdates }));
        }
    }

    /// <summary>The blocks `tr_lang_N`, `tr_title_N`, `tr_description_N` as the API's `translations` JSON (empty blocks left out).</summary>
    public static void Translations(RequestFields fields, int blocks)
    {
        var translations = new Dictionary<string, Dictionary<string, string>>();
        for (var i = 0; i < blocks; i++)
        {
            var language = fields.Get($"tr_lang_{i}")?.Text?.Trim() ?? "";
            var title = fields.Get($"tr_title_{i}")?.Text ?? "";
            var description = fields.Get($"tr_description_{i}")?.Text ?? "";
            foreach (var name in new[] { $"tr_lang_{i}", $"tr_title_{i}", $"tr_description_{i}" })
            {
                fields.Without(name);
            }
            if (language.Length == 0 && title.Length == 0 && description.Length == 0)
            {
                continue;
            }
            translations[language] = new Dictionary<string, string> { ["title"] = title, ["description"] = description };
        }
        fields.With("translations", JsonSerializer.Serialize(translations));
    }
}
