using SkiaSharp;

namespace CulturaLite.Api.Media;

/// <summary>An image ready to store: clean re-encoded bytes and a thumbnail.</summary>
public sealed record ProcessedImage(byte[] Full, byte[] Thumbnail, string Extension, string ContentType, int Width, int Height);

/// <summary>
/// Accepts JPEG, PNG, WebP and GIF by their content (never the name or declared type), refuses
/// decompression bombs from the header alone, then decodes and re-encodes with SkiaSharp: what is
/// stored carries no metadata (no camera GPS), is at most 1600 px on its long side, and has a
/// 400 px thumbnail.
/// </summary>
public sealed class ImageProcessor(MediaOptions options)
{
    public const string InvalidImage = "Upload a valid image. The file you uploaded was either not an image or a corrupted image.";

    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return "jpeg";
        }
        if (head.Length >= 8 && head[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return "png";
        }
        if (head.Length >= 6 && (head[..6].SequenceEqual("GIF87a"u8) || head[..6].SequenceEqual("GIF89a"u8)))
        {
            return "gif";
        }
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "webp";
        }
        return null;
    }

    /// <summary>The processed image, or the reason it is refused (a field error for `image`).</summary>
    public (ProcessedImage? Image, string? Error) Process(byte[] data)
    {
        var kind = Sniff(data);
        if (kind is null)
        {
            return (null, "Unsupported image type: upload a JPEG, PNG, WebP or GIF image.");
        }
        using var stream = new SKMemoryStream(data);
        using var codec = SKCodec.Create(stream);
        if (codec is null)
        {
            return (null, InvalidImage);
        }
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0)
        {
            return (null, InvalidImage);
        }
        if ((long)info.Width * info.Height > options.MaxPixels)
        {
            return (null, $"The image is too large: at most {options.MaxPixels / 1_000_000} megapixels.");
        }
        using var decoded = SKBitmap.Decode(codec, info.WithColorType(SKImageInfo.PlatformColorType).WithAlphaType(SKAlphaType.Premul));
        if (decoded is null)
        {
            return (null, InvalidImage);
        }
        using var upright = Orient(decoded, codec.EncodedOrigin);
        var opaque = kind == "jpeg" || IsOpaque(upright);
        var (format, extension, contentType) = kind switch
        {
            "jpeg" => (SKEncodedImageFormat.Jpeg, "jpg", "image/jpeg"),
            "webp" => (SKEncodedImageFormat.Webp, "webp", "image/webp"),
            _ => opaque ? (SKEncodedImageFormat.Jpeg, "jpg", "image/jpeg") : (SKEncodedImageFormat.Png, "png", "image/png"),
        };
        using var full = Fit(upright, options.MaxDimension);
        using var thumb = Fit(upright, options.ThumbnailDimension);
        var fullBytes = Encode(full, format);
        var thumbBytes = Encode(thumb, format);
        if (fullBytes is null || thumbBytes is null)
        {
            return (null, InvalidImage);
        }
        return (new ProcessedImage(fullBytes, thumbBytes, extension, contentType, full.Width, full.Height), null);
    }

    private static byte[]? Encode(SKBitmap bitmap, SKEncodedImageFormat format)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, format == SKEncodedImageFormat.Png ? 100 : 85);
        return data?.ToArray();
    }

    /// <summary>A copy no larger than <paramref name="max"/> on its long side (never enlarged).</summary>
    private static SKBitmap Fit(SKBitmap source, int max)
    {
        var scale = Math.Min(1.0, (double)max / Math.Max(source.Width, source.Height));
        var width = Math.Max(1, (int)Math.Round(source.Width * scale));
        var height = Math.Max(1, (int)Math.Round(source.Height * scale));
        if (width == source.Width && height == source.Height)
        {
            return source.Copy();
        }
        return source.Resize(new SKImageInfo(width, height, source.ColorType, source.AlphaType), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear))
               ?? source.Copy();
    }

    /// <summary>Applies the camera's orientation before the metadata that carried it is dropped.</summary>
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        var (rotate, swap) = origin switch
        {
            SKEncodedOrigin.BottomRight => (180f, false),
            SKEncodedOrigin.RightTop => (90f, true),
            SKEncodedOrigin.LeftBottom => (270f, true),
            _ => (0f, false),
        };
        if (rotate == 0)
        {
            return source.Copy();
        }
        var rotated = new SKBitmap(swap ? source.Height : source.Width, swap ? source.Width : source.Height, source.ColorType, source.AlphaType);
        using var canvas = new SKCanvas(rotated);
        canvas.Translate(rotated.Width / 2f, rotated.Height / 2f);
        canvas.RotateDegrees(rotate);
        canvas.Translate(-source.Width / 2f, -source.Height / 2f);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        return rotated;
    }

    private static bool IsOpaque(SKBitmap bitmap)
    {
        if (bitmap.AlphaType == SKAlphaType.Opaque)
        {
            return true;
        }
        var pixels = bitmap.Pixels;
        foreach (var p in pixels)
        {
            if (p.Alpha != 255)
            {
                return false;
            }
        }
        return true;
    }
}
