using SkiaSharp;

namespace CulturaLite.Api.Media;

/// <summary>
/// Posters drawn here, with no remote image: a colour field with the title, a line below (the city, or
/// the date and city) and the category. The demo's events get them (re-encoded by the same
/// <see cref="ImageProcessor"/> and stored through the same <see cref="IImageStorage"/> as an upload),
/// and so does the link preview of an event whose image is an external URL.
/// </summary>
public static class Posters
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

    /// <summary>A PNG poster, 1200x800 unless told otherwise.</summary>
    public static byte[] Draw(string title, string footer, string category, int palette, int width = 1200, int height = 800) =>
        Encode(DrawBitmap(title, footer, category, palette, width, height), SKEncodedImageFormat.Png, 100);

    /// <summary>The same poster as a JPEG (for link previews: 1200x630).</summary>
    public static byte[] DrawJpeg(string title, string footer, string category, int palette, int width, int height) =>
        Encode(DrawBitmap(title, footer, category, palette, width, height), SKEncodedImageFormat.Jpeg, 85);

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using (bitmap)
        {
            using var image = SKImage.FromBitmap(bitmap);
            using var data = image.Encode(format, quality);
            return data.ToArray();
        }
    }

    private static SKBitmap DrawBitmap(string title, string footer, string category, int palette, int width, int height)
    {
        var colors = Palettes[Math.Abs(palette % Palettes.Length)];
        var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Scale(width / 1200f, height / 800f);
            using var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(1200, 800), colors, SKShaderTileMode.Clamp);
            using var fill = new SKPaint { Shader = shader };
            canvas.DrawRect(0, 0, 1200, 800, fill);
            using var ring = new SKPaint { Color = SKColors.White.WithAlpha(60), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 28 };
            canvas.DrawCircle(980, 220, 170, ring);
            canvas.DrawCircle(980, 220, 90, ring);
            using var ink = new SKPaint { Color = SKColors.White, IsAntialias = true };
            PosterFonts.Draw(canvas, category.ToUpperInvariant(), 80, 140, 40, ink);
            var y = 420f;
            foreach (var line in Wrap(title, 1040, 72).Take(3))
            {
                PosterFonts.Draw(canvas, line, 80, y, 72, ink);
                y += 86;
            }
            PosterFonts.Draw(canvas, footer, 80, 720, 40, ink);
        }
        return bitmap;
    }

    /// <summary>Lines of whole words at most <paramref name="width"/> pixels wide (a word wider than that gets a line of its own).</summary>
    private static IEnumerable<string> Wrap(string text, float width, float size)
    {
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var longer = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && PosterFonts.Measure(longer, size) > width)
            {
                yield return line;
                longer = word;
            }
            line = longer;
        }
        if (line.Length > 0)
        {
            yield return line;
        }
    }
}
