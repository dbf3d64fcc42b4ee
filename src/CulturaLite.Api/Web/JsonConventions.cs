using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CulturaLite.Api.Web;

/// <summary>The wire format every endpoint shares: snake_case members and DRF-style UTC timestamps.</summary>
public static class JsonConventions
{
    /// <summary>Options of their own with these conventions, for what is written outside a response (revisions).</summary>
    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions();
        Apply(options);
        return options;
    }

    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.MaxDepth = 32;
        options.Converters.Add(new UtcDateTimeConverter());
        options.TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver { Modifiers = { JsonFlatten.Modify } };
    }
}

/// <summary>
/// Writes `2026-03-14T18:30:00.000000Z` as DRF does; reads any ISO 8601 offset and converts to UTC
/// (a value without an offset is taken as UTC, Django's default time zone).
/// </summary>
public sealed class UtcDateTimeConverter : JsonConverter<DateTime>
{
    public const string WireFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !TryParse(reader.GetString(), out var value))
        {
            throw new JsonException("Datetime has wrong format. Use ISO 8601.");
        }
        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));

    public static string Format(DateTime value) =>
        DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString(WireFormat, CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return false;
        }
        if (!DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            return false;
        }
        // Only ISO-like input: reject "Tuesday" style phrasing that DateTimeOffset would accept.
        if (!char.IsAsciiDigit(text.Trim()[0]))
        {
            return false;
        }
        utc = parsed.UtcDateTime;
        return true;
    }
}
