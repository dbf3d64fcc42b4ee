using System.Text.Json;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace CulturaLite.Api.Alerts;

/// <summary>
/// A subscription's filters: a JSON object of the list's own filters, kept as the list's query string. They are read
/// and checked by the list's filters (<see cref="EventFilter.All"/>), so a digest holds what `/api/events/` would list.
/// </summary>
public static class SubscriptionFilters
{
    /// <summary>The list filters a subscription may hold: what an event is, not when (a digest is about what is new).</summary>
    public static readonly IReadOnlySet<string> Allowed = new HashSet<string>(StringComparer.Ordinal)
    {
        "city", "category", "organizer", "festival", "search", "near", "radius_km", "is_free", "accessibility",
        "performance_language", "attendance_mode", "price_max", "age",
    };

    /// <summary>
    /// The canonical query string of <paramref name="filters"/> (names sorted, values as the list reads them), or null
    /// with field errors on `filters` (and `filters.{name}`) for an unknown name, a wrong type or a malformed value.
    /// </summary>
    public static string? Parse(JsonElement? filters, FieldErrors errors, TimeZoneInfo zone)
    {
        if (filters is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return "";
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add("filters", "Expected an object of filters, such as {\"city\": \"Pune\"}.");
            return null;
        }
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
        {
            if (!Allowed.Contains(member.Name))
            {
                Add(errors, member.Name, $"Unknown filter '{Clip(member.Name)}'. Allowed: {string.Join(", ", Allowed.Order(StringComparer.Ordinal))}.");
                continue;
            }
            if (Text(member.Value) is { } text)
            {
                if (text.Length > 0)
                {
                    values[member.Name] = text;
                }
            }
            else
            {
                Add(errors, member.Name, "Expected text, a number, true or false, or a list of texts.");
            }
        }
        if (errors.Any)
        {
            return null;
        }
        var query = new QueryCollection(values.ToDictionary(kv => kv.Key, kv => new StringValues(kv.Value)));
        var listErrors = new FieldErrors();
        EventFilters.Parse(query, listErrors, zone, publicOnly: true);
        foreach (var (name, messages) in listErrors.ToDictionary())
        {
            foreach (var message in messages)
            {
                Add(errors, name, message);
            }
        }
        if (errors.Any)
        {
            return null;
        }
        var canonical = string.Join('&', values.Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value)}"));
        if (canonical.Length > Subscription.FiltersMaxLength)
        {
            errors.Add("filters", $"Filters can be at most {Subscription.FiltersMaxLength} characters long.");
            return null;
        }
        return canonical;
    }

    /// <summary>The stored filters as the list's query.</summary>
    public static IQueryCollection Query(string filters) => new QueryCollection(QueryHelpers.ParseQuery(filters));

    /// <summary>The stored filters as JSON for an answer: `{"city": "Pune", "is_free": "true"}`.</summary>
    public static IReadOnlyDictionary<string, string> AsObject(string filters) =>
        QueryHelpers.ParseQuery(filters).ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!.Trim(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "",
        JsonValueKind.Array when value.EnumerateArray().All(v => v.ValueKind is JsonValueKind.String or JsonValueKind.Number) && value.GetArrayLength() <= 20 =>
            string.Join(',', value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()!.Trim() : v.GetRawText())),
        _ => null,
    };

    private static void Add(FieldErrors errors, string name, string message)
    {
        errors.Add("filters", $"{Clip(name)}: {message}");
        errors.Add($"filters.{Clip(name)}", message);
    }

    private static string Clip(string name) => name.Length > 40 ? name[..40] : name;

    /// <summary>People's words for the filters, for emails and pages: "city Pune, free".</summary>
    public static string Describe(string filters) => filters.Length == 0
        ? "all events"
        : string.Join(", ", AsObject(filters).Select(kv => (kv.Key, kv.Value) switch
        {
            ("is_free", "true") => "free",
            ("is_free", _) => "not free",
            ("attendance_mode", var mode) => mode,
            (var name, var value) => $"{name.Replace('_', ' ')} {value}",
        }));
}
