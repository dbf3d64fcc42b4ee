using SkiaSharp;

namespace CulturaLite.Api.Media;

/// <summary>
/// An image ready to store: clean re-encoded bytes and a thumbnail, held in native memory (never on
/// the managed heap, so uploads do not churn the garbage collector). Dispose it after storing.
/// </summary>
public sealed record ProcessedImage(SKData Full, SKData Thumbnail, string Extension, string ContentType, int Width, int Height) : IDisposable
{
    /// <summary>The responsive copies (320, 640, 1024, 1600 px wide, never wider than the image) in WebP and JPEG.</summary>
    public IReadOnlyList<ImageVariantData> Variants { get; init; } = [];

    /// <summary>A tiny blurred preview as a `data:` URI (at most 1,000 characters).</summary>
    public string Placeholder { get; init; } = "";

    public Stream OpenFull() => Full.AsStream(streamDisposesData: false);

    public Stream OpenThumbnail() => Thumbnail.AsStream(streamDisposesData: false);

    public void Dispose()
    {
        Full.Dispose();
        Thumbnail.Dispose();
        foreach (var variant in Variants)
        {
            variant.Data.Dispose();
        }
    }
}
