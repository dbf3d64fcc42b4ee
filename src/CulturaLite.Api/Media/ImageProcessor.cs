using System.Buffers;
using CulturaLite.Api.Web;
using SkiaSharp;

namespace CulturaLite.Api.Media;

/// <summary>
/// Accepts JPEG, PNG, WebP and GIF by their content (never the name or declared type), refuses
/// decompression bombs from the header alone, then decodes and re-encodes with SkiaSharp: what is
/// stored carries no metadata (no camera GPS), is at most 1600 px on its long side, and has a
/// 400 px thumbnail. Memory stays bounded: JPEG and WebP are downscaled while decoding (a 48 MP
/// photo decodes at 1/4 size), other formats decode at most one full bitmap, and only as many
/// images are decoded at once as there are cores; the rest wait their turn.
/// </summary>
public sealed class ImageProcessor(Microsoft.Extensions.Options.IOptions<MediaOptions> mediaOptions)
{
    private readonly MediaOptions options = mediaOptions.Value;

    public const string InvalidImage = "Upload a valid image. The file you uploaded was either not an image or a corrupted image.";

    private readonly SemaphoreSlim _slots = new(Math.Max(1, Environment.ProcessorCount));
    /// <summary>Images that cannot be downscaled while decoding (PNG, GIF) and are large decode one at a time.</summary>
    private readonly SemaphoreSlim _fullSize = new(1);
    private const long LargeFullDecodePixels = 4_000_000;

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

    /// <summary>
    /// Reads an upload straight into native memory (through a small pooled chunk), then processes it:
    /// the request's bytes never become a large managed array, pooled or not (a pool of 1 MB arrays
    /// kept 26 MB on the large object heap under the soak).
    /// </summary>
    public async Task<Outcome<ProcessedImage>> ProcessAsync(Stream upload, long length, CancellationToken ct)
    {
        var size = (int)Math.Min(length, options.MaxImageBytes);
        using var data = SKData.Create(Math.Max(size, 16));
        var chunk = ArrayPool<byte>.Shared.Rent(ReadChunkBytes);
        var read = 0;
        try
        {
            int n;
            while (read < size && (n = await upload.ReadAsync(chunk.AsMemory(0, Math.Min(chunk.Length, size - read)), ct)) > 0)
            {
                System.Runtime.InteropServices.Marshal.Copy(chunk, 0, data.Data + read, n);
                read += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        if (read == (int)data.Size)
        {
            return await ProcessAsync(data, ct);
        }
        using var part = data.Subset(0, (ulong)read);
        return await ProcessAsync(part, ct);
    }

    private const int ReadChunkBytes = 64 * 1024;

    /// <summary>Processes the image when a core is free (parallel uploads queue here instead of multiplying memory).</summary>
    public async Task<Outcome<ProcessedImage>> ProcessAsync(SKData data, CancellationToken ct)
    {
        if (Sniff(data.AsSpan()) is null)
        {
            return Refused("Unsupported image type: upload a JPEG, PNG, WebP or GIF image.");
        }
        var heavy = NeedsLargeFullDecode(data);
        if (heavy)
        {
            await _fullSize.WaitAsync(ct);
        }
        try
        {
            await _slots.WaitAsync(ct);
            try
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var result = Process(data);
                Operations.AppMetrics.ImageProcessing.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
                return result;
            }
            finally
            {
                _slots.Release();
            }
        }
        finally
        {
            if (heavy)
            {
                _fullSize.Release();
            }
        }
    }

    /// <summary>
    /// The image cover-cropped to exactly <paramref name="width"/> x <paramref name="height"/> as a JPEG (a
    /// link preview), decoded no larger than needed and in turn with uploads; null when it cannot be read.
    /// </summary>
    public async Task<byte[]?> CoverAsync(SKData data, int width, int height, CancellationToken ct)
    {
        if (Sniff(data.AsSpan()) is null || NeedsLargeFullDecode(data))
        {
            // A huge image that cannot be scaled while decoding is not worth a full-size bitmap for a preview.
            return null;
        }
        await _slots.WaitAsync(ct);
        try
        {
            using var codec = SKCodec.Create(data);
            if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0 || (long)codec.Info.Width * codec.Info.Height > options.MaxPixels)
            {
                return null;
            }
            using var decoded = Decode(codec, Math.Max(width, height));
            if (decoded is null)
            {
                return null;
            }
            using var oriented = ImageOrientation.Orient(decoded, codec.EncodedOrigin);
            var source = oriented ?? decoded;
            var scale = Math.Max((float)width / source.Width, (float)height / source.Height);
            var (w, h) = (width / scale, height / scale);
            var crop = SKRect.Create((source.Width - w) / 2, (source.Height - h) / 2, w, h);
            using var target = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
            using (var canvas = new SKCanvas(target))
            {
                canvas.Clear(SKColors.White);
                using var image = SKImage.FromBitmap(source);
                canvas.DrawImage(image, crop, SKRect.Create(0, 0, width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
            }
            using var encoded = ImageOutputs.Encode(target, SKEncodedImageFormat.Jpeg);
            return encoded?.ToArray();
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>The processed image, or the reason it is refused (a field error for `image`).</summary>
    public Outcome<ProcessedImage> Process(byte[] data)
    {
        using var native = SKData.CreateCopy(data);
        return Process(native);
    }

    public Outcome<ProcessedImage> Process(SKData data)
    {
        var kind = Sniff(data.AsSpan());
        if (kind is null)
        {
            return Refused("Unsupported image type: upload a JPEG, PNG, WebP or GIF image.");
        }
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return Refused(InvalidImage);
        }
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0)
        {
            return Refused(InvalidImage);
        }
        if ((long)info.Width * info.Height > options.MaxPixels)
        {
            return Refused($"The image is too large: at most {options.MaxPixels / 1_000_000} megapixels.");
        }
        using var decoded = Decode(codec, Math.Min(options.MaxDimension, Math.Max(info.Width, info.Height)));
        if (decoded is null)
        {
            return Refused(InvalidImage);
        }
        var opaque = kind == "jpeg" || ImageOutputs.IsOpaque(decoded);
        var (format, extension, contentType) = kind switch
        {
            "jpeg" => (SKEncodedImageFormat.Jpeg, "jpg", "image/jpeg"),
            "webp" => (SKEncodedImageFormat.Webp, "webp", "image/webp"),
            _ => opaque ? (SKEncodedImageFormat.Jpeg, "jpg", "image/jpeg") : (SKEncodedImageFormat.Png, "png", "image/png"),
        };
        // Resize first, then orient the small copies: never a second bitmap of the full size.
        using var fitted = ImageOutputs.Fit(decoded, options.MaxDimension);
        using var full = ImageOrientation.Orient(fitted ?? decoded, codec.EncodedOrigin);
        using var thumbFitted = ImageOutputs.Fit(full ?? fitted ?? decoded, options.ThumbnailDimension);
        var fullBitmap = full ?? fitted ?? decoded;
        var thumbBitmap = thumbFitted ?? fullBitmap;
        var fullBytes = ImageOutputs.Encode(fullBitmap, format);
        var thumbBytes = ImageOutputs.Encode(thumbBitmap, format);
        if (fullBytes is null || thumbBytes is null)
        {
            fullBytes?.Dispose();
            thumbBytes?.Dispose();
            return Refused(InvalidImage);
        }
        return Outcome<ProcessedImage>.Done(new ProcessedImage(fullBytes, thumbBytes, extension, contentType, fullBitmap.Width, fullBitmap.Height)
        {
            Variants = ImageOutputs.Variants(fullBitmap, opaque),
            Placeholder = ImageOutputs.Placeholder(fullBitmap),
        });
    }

    /// <summary>The field that an image's refusal is an error of.</summary>
    public const string Field = "image";

    private static Outcome<ProcessedImage> Refused(string reason)
    {
        var errors = new FieldErrors();
        errors.Add(Field, reason);
        return Outcome<ProcessedImage>.Invalid(errors);
    }

    /// <summary>True for a large image whose codec cannot scale while decoding (it needs its full bitmap).</summary>
    private bool NeedsLargeFullDecode(SKData data)
    {
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return false;
        }
        var info = codec.Info;
        var pixels = (long)info.Width * info.Height;
        if (pixels <= LargeFullDecodePixels || pixels > options.MaxPixels)
        {
            return false;
        }
        var smallest = codec.GetScaledDimensions(1 / 8f);
        return smallest.Width == info.Width && smallest.Height == info.Height;
    }

    /// <summary>
    /// Decodes at the smallest size the codec can produce directly (JPEG in eighths, WebP at any
    /// scale) whose long side still covers <paramref name="needed"/>; other formats decode at full size.
    /// </summary>
    private static SKBitmap? Decode(SKCodec codec, int needed)
    {
        var info = codec.Info;
        var size = new SKSizeI(info.Width, info.Height);
        for (var eighths = 1; eighths < 8; eighths++)
        {
            var scaled = codec.GetScaledDimensions(eighths / 8f);
            if (Math.Max(scaled.Width, scaled.Height) >= needed && scaled.Width > 0 && scaled.Height > 0)
            {
                size = scaled;
                break;
            }
        }
        var target = new SKImageInfo(size.Width, size.Height, SKImageInfo.PlatformColorType, SKAlphaType.Premul);
        var bitmap = new SKBitmap();
        if (!bitmap.TryAllocPixels(target))
        {
            bitmap.Dispose();
            return null;
        }
        var result = codec.GetPixels(target, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            bitmap.Dispose();
            return null;
        }
        return bitmap;
    }

}
