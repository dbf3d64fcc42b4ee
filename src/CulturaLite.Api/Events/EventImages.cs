using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CulturaLite.Api.Events;

/// <summary>
/// An uploaded image's responsive copies and placeholder, kept as one JSON column. A variant's key is
/// where storage keeps it (deleted with the event); null for a shared demo poster.
/// </summary>
public sealed record EventImages(int Width, int Height, string Placeholder, IReadOnlyList<EventImageVariant> Variants)
{
    [JsonIgnore]
    public IEnumerable<string> Keys => Variants.Select(v => v.Key).OfType<string>();

    private static readonly JsonSerializerOptions Json = new() { Converters = { new ColumnFormat() } };

    internal sealed class Converter() : ValueConverter<EventImages?, string?>(
        v => v == null ? null : JsonSerializer.Serialize(v, Json),
        s => s == null ? null : JsonSerializer.Deserialize<EventImages>(s, Json));

    internal sealed class Comparer() : ValueComparer<EventImages?>(
        (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
        v => JsonSerializer.Serialize(v, Json).GetHashCode(StringComparison.Ordinal),
        v => v);

    /// <summary>
    /// The column, read and written member by member: every row of a public list reads it, and the
    /// general serializer (records bound through constructor parameters) spent about 14% of an uncached
    /// list request's CPU on it (bench/results/2026-11-26-performance.md, "Search, near me and the uncached path"). Unknown members are
    /// skipped, so columns written by earlier releases (which also kept a computed `keys` list) still read.
    /// </summary>
    private sealed class ColumnFormat : JsonConverter<EventImages>
    {
        public override EventImages Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            int width = 0, height = 0;
            var placeholder = "";
            var variants = new List<EventImageVariant>();
            Expect(ref reader, JsonTokenType.StartObject);
            while (NextMember(ref reader))
            {
                if (reader.ValueTextEquals("width"u8)) { width = Int(ref reader); }
                else if (reader.ValueTextEquals("height"u8)) { height = Int(ref reader); }
                else if (reader.ValueTextEquals("placeholder"u8)) { placeholder = Text(ref reader) ?? ""; }
                else if (reader.ValueTextEquals("variants"u8)) { ReadVariants(ref reader, variants); }
                else { reader.Read(); reader.Skip(); }
            }
            return new EventImages(width, height, placeholder, variants);
        }

        private static void ReadVariants(ref Utf8JsonReader reader, List<EventImageVariant> variants)
        {
            reader.Read();
            Expect(ref reader, JsonTokenType.StartArray);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                Expect(ref reader, JsonTokenType.StartObject);
                string url = "", format = "";
                string? key = null;
                int width = 0, height = 0;
                while (NextMember(ref reader))
                {
                    if (reader.ValueTextEquals("url"u8)) { url = Text(ref reader) ?? ""; }
                    else if (reader.ValueTextEquals("width"u8)) { width = Int(ref reader); }
                    else if (reader.ValueTextEquals("height"u8)) { height = Int(ref reader); }
                    else if (reader.ValueTextEquals("format"u8)) { format = Text(ref reader) ?? ""; }
                    else if (reader.ValueTextEquals("key"u8)) { key = Text(ref reader); }
                    else { reader.Read(); reader.Skip(); }
                }
                variants.Add(new EventImageVariant(url, width, height, format, key));
            }
        }

        /// <summary>Moves to the next member's name; false at the end of the object.</summary>
        private static bool NextMember(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return false;
            }
            Expect(ref reader, JsonTokenType.PropertyName);
            return true;
        }

        private static int Int(ref Utf8JsonReader reader)
        {
            reader.Read();
            Expect(ref reader, JsonTokenType.Number);
            return reader.TryGetInt32(out var value) ? value : throw new JsonException("A number out of range in the images column.");
        }

        private static string? Text(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }
            Expect(ref reader, JsonTokenType.String);
            return reader.GetString();
        }

        private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
        {
            if (reader.TokenType != token)
            {
                throw new JsonException($"Expected {token} in the images column, found {reader.TokenType}.");
            }
        }

        public override void Write(Utf8JsonWriter writer, EventImages value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteNumber("width", value.Width);
            writer.WriteNumber("height", value.Height);
            writer.WriteString("placeholder", value.Placeholder);
            writer.WriteStartArray("variants");
            foreach (var v in value.Variants)
            {
                writer.WriteStartObject();
                writer.WriteString("url", v.Url);
                writer.WriteNumber("width", v.Width);
                writer.WriteNumber("height", v.Height);
                writer.WriteString("format", v.Format);
                if (v.Key is not null)
                {
                    writer.WriteString("key", v.Key);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }
}

public sealed record EventImageVariant(string Url, int Width, int Height, string Format, string? Key);

/// <summary>`images` in items: the copies a browser picks from (`srcset`), without storage keys.</summary>
public sealed record ImagesResponse(int Width, int Height, string Placeholder, IReadOnlyList<ImageVariantResponse> Variants)
{
    public static ImagesResponse? From(EventImages? images) => images is null
        ? null
        : new ImagesResponse(images.Width, images.Height, images.Placeholder,
            images.Variants.Select(v => new ImageVariantResponse(v.Url, v.Width, v.Height, v.Format)).ToList());
}

public sealed record ImageVariantResponse(string Url, int Width, int Height, string Format);
