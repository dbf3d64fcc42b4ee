using CulturaLite.Api.Media;
using SkiaSharp;

namespace CulturaLite.Api.Commands;

/// <summary>
/// Posters for the demo, drawn here (no remote URLs): a colour field per theme with the title, city
/// and category, re-encoded by the same <see cref="ImageProcessor"/> and stored through the same
/// <see cref="IImageStorage"/> as a vendor's upload.
/// </summary>
public static class DemoPosters
{
    private static readonly SKColor[][] Palettes =
    [
        [new SKColor(0xE6, 0x39, 0x46), new SKColor(0xF4, 0xA2, 0x61)],
        [new SKColor(0x26, 0x46, 0x53), new SKColor(0x2A, 0x9D, 0x8F)],
        [new SKColor(0x6A, 0x1B, 0x9A), new SKColor(0xE9, 0x1E, 0x63)],
        [new SKColor(0x1D, 0x35, 0x57), new SKColor(0x45, 0x7B, 0x9D)],
        [new SKColor(0x8A, 0x1C, 0x4A), new SKColor(0xF2, 0xB7, 0x05)],
        [new SKColor(0x00, 0x6D, 0x77), new SKColor(0x83, 0xC5, 0xBE)],
    ];

    /// <summary>A 1200x800 PNG poster.</summary>
    public static byte[] Draw(string title, string city, string category, int palette)
    {
        var colors = Palettes[Math.Abs(palette) % Palettes.Length];
        using var bitmap = new SKBitmap(1200, 800, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(1200, 800), colors, SKShaderTileMode.Clamp);
            using var fill = new SKPaint { Shader = shader };
            canvas.DrawRect(0, 0, 1200, 800, fill);
            using var ring = new SKPaint { Color = SKColors.White.WithAlpha(60), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 28 };
            canvas.DrawCircle(980, 220, 170, ring);
            canvas.DrawCircle(980, 220, 90, ring);
            using var ink = new SKPaint { Color = SKColors.White, IsAntialias = true };
            using var big = new SKFont(SKTypeface.Default, 72);
            using var small = new SKFont(SKTypeface.Default, 40);
            canvas.DrawText(category.ToUpperInvariant(), 80, 140, SKTextAlign.Left, small, ink);
            var y = 420f;
            foreach (var line in Wrap(title, 22))
            {
                canvas.DrawText(line, 80, y, SKTextAlign.Left, big, ink);
                y += 86;
            }
            canvas.DrawText(city, 80, 720, SKTextAlign.Left, small, ink);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Processes and stores a poster; returns its stored image URL and thumbnail URL.</summary>
    public static async Task<(string Url, string Thumbnail)> StoreAsync(ImageProcessor images, IImageStorage storage, byte[] poster, string baseUrl, CancellationToken ct)
    {
        var (processed, error) = images.Process(poster);
        if (processed is null)
        {
            throw new InvalidOperationException("A demo poster could not be processed: " + error);
        }
        using (processed)
        {
            await using var full = processed.OpenFull();
            var stored = await storage.SaveAsync("events/demo", processed.Extension, processed.ContentType, full, baseUrl, ct);
            await using var thumbStream = processed.OpenThumbnail();
            var thumb = await storage.SaveAsync("events/demo/thumbs", processed.Extension, processed.ContentType, thumbStream, baseUrl, ct);
            return (stored.Url, thumb.Url);
        }
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + word.Length + 1 > width)
            {
                yield return line;
                line = "";
            }
            line = line.Length == 0 ? word : line + " " + word;
        }
        if (line.Length > 0)
        {
            yield return line;
        }
    }
}
