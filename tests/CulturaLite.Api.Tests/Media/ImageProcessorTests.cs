using CulturaLite.Api.Media;
using CulturaLite.Api.Tests.Infrastructure;
using SkiaSharp;

namespace CulturaLite.Api.Tests.Media;

/// <summary>The image rules on the processor itself: orientation, phone-sized photos, bombs.</summary>
public sealed class ImageProcessorTests
{
    private static readonly ImageProcessor Processor = new(Microsoft.Extensions.Options.Options.Create(new MediaOptions()));

    private static SKBitmap Output(byte[] data)
    {
        var (image, error) = Processor.Process(data);
        Assert.True(image is not null, error);
        return SKBitmap.Decode(image!.Full);
    }

    private static bool IsNavy(SKColor c) => c.Blue > 90 && c.Red < 60 && c.Green < 60;

    [Theory]
    // orientation, output width x height, the quadrant where the stored top-left (navy) is shown
    [InlineData(1, 64, 48, "top-left")]
    [InlineData(2, 64, 48, "top-right")]
    [InlineData(3, 64, 48, "bottom-right")]
    [InlineData(4, 64, 48, "bottom-left")]
    [InlineData(5, 48, 64, "top-left")]
    [InlineData(6, 48, 64, "top-right")]
    [InlineData(7, 48, 64, "bottom-right")]
    [InlineData(8, 48, 64, "bottom-left")]
    public void Every_exif_orientation_is_applied_mirrored_ones_included(int orientation, int width, int height, string navyAt)
    {
        using var output = Output(TestImages.JpegWithOrientation(orientation));

        Assert.Equal((width, height), (output.Width, output.Height));
        var (x, y) = navyAt switch
        {
            "top-left" => (width / 4, height / 4),
            "top-right" => (width * 3 / 4, height / 4),
            "bottom-right" => (width * 3 / 4, height * 3 / 4),
            _ => (width / 4, height * 3 / 4),
        };
        Assert.True(IsNavy(output.GetPixel(x, y)), $"orientation {orientation}: expected navy at {navyAt}, got {output.GetPixel(x, y)}");
        Assert.False(IsNavy(output.GetPixel(width - 1 - x, height - 1 - y)));
    }

    /// <summary>Every copy a visitor may be served (each variant, each format, the placeholder) is oriented, not only the full image.</summary>
    [Theory]
    [InlineData(3, 64, 48, "bottom-right")]
    [InlineData(6, 48, 64, "top-right")]
    [InlineData(8, 48, 64, "bottom-left")]
    public void Every_variant_and_the_placeholder_show_the_oriented_image(int orientation, int width, int height, string navyAt)
    {
        var (image, error) = Processor.Process(TestImages.JpegWithOrientation(orientation));
        Assert.True(image is not null, error);
        using var _ = image;
        var copies = image!.Variants.Select(v => (Name: $"{v.Format} {v.Width}", Bitmap: SKBitmap.Decode(v.Data))).ToList();
        copies.Add(("placeholder", SKBitmap.Decode(Convert.FromBase64String(image.Placeholder[(image.Placeholder.IndexOf(',') + 1)..]))));
        Assert.NotEmpty(image.Variants);

        foreach (var (name, bitmap) in copies)
        {
            using (bitmap)
            {
                // Same shape as the oriented image (a copy made from the stored pixels would be turned).
                Assert.Equal(width > height, bitmap.Width > bitmap.Height);
                var (x, y) = navyAt switch
                {
                    "top-right" => (bitmap.Width * 3 / 4, bitmap.Height / 4),
                    "bottom-right" => (bitmap.Width * 3 / 4, bitmap.Height * 3 / 4),
                    _ => (bitmap.Width / 4, bitmap.Height * 3 / 4),
                };
                Assert.True(IsNavy(bitmap.GetPixel(x, y)), $"{name}, orientation {orientation}: expected navy at {navyAt}, got {bitmap.GetPixel(x, y)}");
            }
        }
    }

    [Fact]
    public void A_48_megapixel_phone_photo_is_accepted_and_stored_at_1600_pixels()
    {
        var photo = TestImages.LargePhoto(8000, 6000);

        using var output = Output(photo);

        Assert.Equal((1600, 1200), (output.Width, output.Height));
    }

    /// <summary>A request body that hands out a few bytes per read, as a slow upload does.</summary>
    private sealed class TrickleStream(byte[] data, int piece) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, piece)], ct);
    }

    [Fact]
    public async Task An_upload_read_in_small_pieces_or_shorter_than_declared_is_the_same_image()
    {
        var photo = TestImages.LargePhoto(1200, 900);
        var (direct, _) = Processor.Process(photo);
        using var expected = SKBitmap.Decode(direct!.Full);

        foreach (var (piece, declared) in new[] { (997, photo.Length), (70_000, photo.Length), (4096, photo.Length * 2L) })
        {
            var (image, error) = await Processor.ProcessAsync(new TrickleStream(photo, piece), declared, CancellationToken.None);

            Assert.True(image is not null, error);
            using var output = SKBitmap.Decode(image!.Full);
            Assert.Equal((expected.Width, expected.Height), (output.Width, output.Height));
            Assert.Equal(expected.GetPixel(300, 200), output.GetPixel(300, 200));
            image.Dispose();
        }
        direct.Dispose();
    }

    [Fact]
    public void An_image_over_the_pixel_limit_is_refused_from_its_header()
    {
        var processor = new ImageProcessor(Microsoft.Extensions.Options.Options.Create(new MediaOptions { MaxPixels = 1_000_000 }));

        var (image, error) = processor.Process(TestImages.Make(SKEncodedImageFormat.Png, 1200, 1000));

        Assert.Null(image);
        Assert.Contains("megapixels", error);
    }
}
