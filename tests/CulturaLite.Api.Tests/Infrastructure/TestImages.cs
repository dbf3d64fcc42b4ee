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
}
