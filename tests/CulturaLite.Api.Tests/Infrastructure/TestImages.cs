using SkiaSharp;

namespace CulturaLite.Api.Tests.Infrastructure;

public static class TestImages
{
    public static byte[] Make(SKEncodedImageFormat format, int width = 64, int height = 48, bool transparent = false)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(transparent ? SKColors.Transparent : SKColors.OrangeRed);
            using var paint = new SKPaint { Color = SKColors.Navy };
            canvas.DrawRect(0, 0, width / 2f, height / 2f, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A JPEG carrying an EXIF block with a GPS marker, as a phone camera would write it.</summary>
    public static byte[] JpegWithExif(int width = 64, int height = 48)
    {
        var jpeg = Make(SKEncodedImageFormat.Jpeg, width, height);
        var payload = "Exif\0\0"u8.ToArray().Concat("MM\0*\0\0\0\bGPSLatitude=18.5204N;GPSLongitude=73.8567E"u8.ToArray()).ToArray();
        var length = payload.Length + 2;
        var segment = new byte[] { 0xFF, 0xE1, (byte)(length >> 8), (byte)(length & 0xFF) }.Concat(payload);
        return jpeg.Take(2).Concat(segment).Concat(jpeg.Skip(2)).ToArray();
    }

    public static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(needle)) >= 0;

    /// <summary>A JPEG with an EXIF orientation tag (1 to 8); its top-left quadrant is navy as stored.</summary>
    public static byte[] JpegWithOrientation(int orientation, int width = 64, int height = 48)
    {
        var jpeg = Make(SKEncodedImageFormat.Jpeg, width, height);
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, IFD0 at offset 8
            0, 1, // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte)orientation, 0, 0, // Orientation, SHORT, 1 value
            0, 0, 0, 0, // no next IFD
        ];
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = payload.Length + 2;
        var segment = new byte[] { 0xFF, 0xE1, (byte)(length >> 8), (byte)(length & 0xFF) }.Concat(payload);
        return jpeg.Take(2).Concat(segment).Concat(jpeg.Skip(2)).ToArray();
    }

    /// <summary>A large photo-like JPEG (smooth gradients with some detail), as a phone camera makes.</summary>
    public static byte[] LargePhoto(int width, int height, int quality = 80)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height),
                [SKColors.DarkOrange, SKColors.SkyBlue, SKColors.ForestGreen], SKShaderTileMode.Clamp);
            using var paint = new SKPaint { Shader = shader };
            canvas.DrawRect(0, 0, width, height, paint);
            using var ink = new SKPaint { Color = SKColors.Navy, IsAntialias = true, StrokeWidth = 9, Style = SKPaintStyle.Stroke };
            for (var i = 0; i < 60; i++)
            {
                canvas.DrawCircle(width * (i % 10) / 10f + 200, height * (i / 10) / 6f + 200, 150 + i, ink);
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }
}
