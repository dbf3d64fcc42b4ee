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
    public IEnumerable<string> Keys => Variants.Select(v => v.Key).OfType<string>();

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    internal sealed class Converter() : ValueConverter<EventImages?, string?>(
        v => v == null ? null : JsonSerializer.Serialize(v, Json),
        s => s == null ? null : JsonSerializer.Deserialize<EventImages>(s, Json));

    internal sealed class Comparer() : ValueComparer<EventImages?>(
        (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
        v => JsonSerializer.Serialize(v, Json).GetHashCode(StringComparison.Ordinal),
        v => v);
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
