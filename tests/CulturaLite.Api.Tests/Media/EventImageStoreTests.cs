using CulturaLite.Api.Events;
using CulturaLite.Api.Media;
using CulturaLite.Api.Tests.Infrastructure;
using SkiaSharp;

namespace CulturaLite.Api.Tests.Media;

/// <summary>An event's stored image never outlives a failed store or a failed save (no orphaned files).</summary>
public sealed class EventImageStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("culturalite-images-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Local storage that fails on its Nth save, as a full disk or a lost Cloudinary connection would.</summary>
    private sealed class FailingStorage(IImageStorage inner, int failOn) : IImageStorage
    {
        private int _saves;

        public Task<StoredFile> SaveAsync(string folder, string extension, string contentType, Stream content, string baseUrl, CancellationToken ct) =>
            ++_saves == failOn ? throw new IOException("No space left on device.") : inner.SaveAsync(folder, extension, contentType, content, baseUrl, ct);

        public Task DeleteAsync(string key, CancellationToken ct) => inner.DeleteAsync(key, ct);

        public Task<byte[]?> ReadAsync(string key, string url, long maxBytes, CancellationToken ct) => inner.ReadAsync(key, url, maxBytes, ct);

        public long? LengthOf(string key) => inner.LengthOf(key);
    }

    private (MediaOptions Options, ProcessedImage Image) Processed()
    {
        var options = new MediaOptions { Root = _root };
        var (image, error) = new ImageProcessor(Microsoft.Extensions.Options.Options.Create(options)).Process(TestImages.Make(SKEncodedImageFormat.Png, 2000, 1200));
        Assert.True(image is not null, error);
        return (options, image);
    }

    private int Files() => Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).Count();

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public async Task A_storage_failure_part_way_removes_what_was_stored(int failOn)
    {
        var (options, image) = Processed();
        using var _ = image;
        var storage = new FailingStorage(new LocalImageStorage(Microsoft.Extensions.Options.Options.Create(options)), failOn);

        await Assert.ThrowsAsync<IOException>(() => EventImageStore.StoreAsync(storage, image, "events", owned: true, "http://localhost", default));

        Assert.Equal(0, Files());
    }

    [Fact]
    public async Task A_failed_save_removes_the_new_image_and_fails()
    {
        var (options, image) = Processed();
        using var _ = image;
        var local = new LocalImageStorage(Microsoft.Extensions.Options.Options.Create(options));
        var stored = await EventImageStore.StoreAsync(local, image, "events", owned: true, "http://localhost", default);
        Assert.Equal(2 + stored.Variants.Variants.Count, Files());
        var store = new EventImageStore(new ImageProcessor(Microsoft.Extensions.Options.Options.Create(options)), local, Microsoft.Extensions.Options.Options.Create(options));

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.SaveOrDiscardAsync(stored, () => throw new InvalidOperationException("database gone")));

        Assert.Equal(0, Files());
    }
}
