using SkiaSharp;

namespace CulturaLite.Api.Media;

/// <summary>What is made from a decoded bitmap: fitted copies, encodings, the variants and the placeholder.</summary>
public static class ImageOutputs
{
    public static readonly int[] VariantWidths = [320, 640, 1024, 1600];

    /// <summary>
    /// Each width the image is at least as wide as (an image narrower than the smallest gets one copy
    /// at its own width), in WebP and in JPEG (transparency flattened onto white), one bitmap at a time.
    /// </summary>
    internal static List<ImageVariantData> Variants(SKBitmap source, bool opaque)
    {
        var widths = VariantWidths.Where(w => w <= source.Width).DefaultIfEmpty(source.Width).ToList();
        var variants = new List<ImageVariantData>();
        foreach (var width in widths)
        {
            var height = Math.Max(1, (int)Math.Round((double)source.Height * width / source.Width));
            using var resized = width == source.Width ? null
                : source.Resize(new SKImageInfo(width, height, source.ColorType, source.AlphaType), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
            var bitmap = resized ?? source;
            if (Encode(bitmap, SKEncodedImageFormat.Webp) is { } webp)
            {
                variants.Add(new ImageVariantData(width, height, "webp", webp));
            }
            using var flat = opaque ? null : Flatten(bitmap);
            if (Encode(flat ?? bitmap, SKEncodedImageFormat.Jpeg) is { } jpeg)
            {
                variants.Add(new ImageVariantData(width, height, "jpeg", jpeg));
            }
        }
        return variants;
    }

    internal static SKBitmap Flatten(SKBitmap source)
    {
        var flat = new SKBitmap(source.Width, source.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var canvas = new SKCanvas(flat);
        canvas.Clear(SKColors.White);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default);
        return flat;
    }

    /// <summary>A 16 px wide blurred WebP as a data URI, shown while the real image loads.</summary>
    internal static string Placeholder(SKBitmap source)
    {
        foreach (var width in new[] { 16, 10, 6 })
        {
            var height = Math.Max(1, (int)Math.Round((double)source.Height * width / source.Width));
            height = Math.Min(height, width * 4);
            using var tiny = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
            using (var canvas = new SKCanvas(tiny))
            {
                using var blur = SKImageFilter.CreateBlur(1.2f, 1.2f);
                using var paint = new SKPaint { ImageFilter = blur };
                using var image = SKImage.FromBitmap(source);
                canvas.DrawImage(image, SKRect.Create(0, 0, width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
            }
            using var encodedImage = SKImage.FromBitmap(tiny);
            using var data = encodedImage.Encode(SKEncodedImageFormat.Webp, 30);
            if (data is null)
            {
                continue;
            }
            var uri = "data:image/webp;base64," + Convert.ToBase64String(data.AsSpan());
            if (uri.Length <= 1000)
            {
                return uri;
            }
        }
        return "";
    }

    internal static SKData? Encode(SKBitmap bitmap, SKEncodedImageFormat format)
    {
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(format, format == SKEncodedImageFormat.Png ? 100 : 85);
    }

    /// <summary>A copy no larger than <paramref name="max"/> on its long side; null when the source already fits.</summary>
    internal static SKBitmap? Fit(SKBitmap source, int max)
    {
        var scale = Math.Min(1.0, (double)max / Math.Max(source.Width, source.Height));
        var width = Math.Max(1, (int)Math.Round(source.Width * scale));
        var height = Math.Max(1, (int)Math.Round(source.Height * scale));
        if (width == source.Width && height == source.Height)
        {
            return null;
        }
        return source.Resize(new SKImageInfo(width, height, source.ColorType, source.AlphaType), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
    }

    internal static bool IsOpaque(SKBitmap bitmap)
    {
        if (bitmap.AlphaType == SKAlphaType.Opaque)
        {
            return true;
        }
        var pixels = bitmap.GetPixelSpan();
        var bytesPerPixel = bitmap.BytesPerPixel;
        if (bytesPerPixel != 4)
        {
            return false;
        }
        // Alpha is the last byte in both RGBA and BGRA layouts.
        for (var i = 3; i < pixels.Length; i += 4)
        {
            if (pixels[i] != 255)
            {
                return false;
            }
        }
        return true;
    }
}
