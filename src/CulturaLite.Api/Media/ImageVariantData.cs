using SkiaSharp;

namespace CulturaLite.Api.Media;

/// <summary>One encoded responsive copy.</summary>
public sealed record ImageVariantData(int Width, int Height, string Format, SKData Data)
{
    public string Extension => Format == "webp" ? "webp" : "jpg";

    public string ContentType => Format == "webp" ? "image/webp" : "image/jpeg";

    public Stream Open() => Data.AsStream(streamDisposesData: false);
}
