using CulturaLite.Api.Media;
using CulturaLite.Api.Web;

namespace CulturaLite.Api.Events;

/// <summary>
/// An event's image as stored: the re-encoded full image, its thumbnail and its responsive copies, with
/// the storage keys that remove them again.
/// </summary>
public sealed record StoredImage(string Url, string ThumbnailUrl, string? FullKey, string? ThumbnailKey, EventImages Variants)
{
    /// <summary>The event's `image_key` column: "full|thumbnail" (variants keep their own keys in `images`).</summary>
    public string? ImageKey => FullKey is null ? null : FullKey + "|" + ThumbnailKey;

    /// <summary>Every stored file of this image.</summary>
    public IEnumerable<string> Keys => KeysOf(ImageKey, Variants);

    /// <summary>Every stored file of an event's image, from what the event keeps of it.</summary>
    public static IEnumerable<string> KeysOf(string? imageKey, EventImages? variants) =>
        (imageKey ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries).Concat(variants?.Keys ?? []);
}

/// <summary>
/// Uploaded event images: checked and re-encoded (<see cref="ImageProcessor"/>), stored in every variant
/// through <see cref="IImageStorage"/>, and removed again when the event that owns them is not saved,
/// is deleted, or gets another image.
/// </summary>
public sealed class EventImageStore(ImageProcessor images, IImageStorage storage, Microsoft.Extensions.Options.IOptions<MediaOptions> media)
{
    public long MaxBytes => media.Value.MaxImageBytes;

    /// <summary>Processes and stores an upload; an image that cannot be read is a field error on `image`.</summary>
    public async Task<Outcome<StoredImage>> StoreAsync(IFormFile file, string baseUrl, CancellationToken ct)
    {
        await using var upload = file.OpenReadStream();
        var outcome = await images.ProcessAsync(upload, file.Length, ct);
        if (outcome.Value is not { } processed)
        {
            return Outcome<StoredImage>.Invalid(outcome.Errors);
        }
        using (processed)
        {
            return Outcome<StoredImage>.Done(await StoreAsync(storage, processed, "events", owned: true, baseUrl, ct));
        }
    }

    /// <summary>
    /// Stores a processed image in every variant under <paramref name="folder"/>. An <paramref name="owned"/>
    /// image belongs to one event (its keys are kept, so it can be removed); a shared one (the demo's
    /// posters) is never removed. A failure part-way removes what was already stored.
    /// </summary>
    public static async Task<StoredImage> StoreAsync(IImageStorage storage, ProcessedImage processed, string folder, bool owned, string baseUrl, CancellationToken ct)
    {
        var stored = new List<string>();
        try
        {
            await using var fullStream = processed.OpenFull();
            var full = await storage.SaveAsync(folder, processed.Extension, processed.ContentType, fullStream, baseUrl, ct);
            stored.Add(full.Key);
            await using var thumbStream = processed.OpenThumbnail();
            var thumb = await storage.SaveAsync(folder + "/thumbs", processed.Extension, processed.ContentType, thumbStream, baseUrl, ct);
            stored.Add(thumb.Key);
            var variants = new List<EventImageVariant>();
            foreach (var variant in processed.Variants)
            {
                await using var data = variant.Open();
                var copy = await storage.SaveAsync(folder + "/variants", variant.Extension, variant.ContentType, data, baseUrl, ct);
                stored.Add(copy.Key);
                variants.Add(new EventImageVariant(copy.Url, variant.Width, variant.Height, variant.Format, owned ? copy.Key : null));
            }
            return new StoredImage(full.Url, thumb.Url, owned ? full.Key : null, owned ? thumb.Key : null,
                new EventImages(processed.Width, processed.Height, processed.Placeholder, variants));
        }
        catch when (owned)
        {
            await DeleteAsync(storage, stored);
            throw;
        }
    }

    /// <summary>
    /// The one save-or-discard step of a submission or an edit: runs <paramref name="save"/>; when it fails,
    /// the newly stored image is removed (no orphaned files) and the failure goes on to the caller.
    /// </summary>
    public Task SaveOrDiscardAsync(StoredImage? image, Func<Task> save) => SaveOrDiscardAsync(image, async () =>
    {
        await save();
        return true;
    });

    /// <summary>The same for a save that may report nothing saved (false): the new image is removed then too.</summary>
    public async Task<bool> SaveOrDiscardAsync(StoredImage? image, Func<Task<bool>> save)
    {
        var saved = false;
        try
        {
            saved = await save();
            return saved;
        }
        finally
        {
            if (!saved && image is not null)
            {
                await DeleteAsync(storage, image.Keys);
            }
        }
    }

    /// <summary>Removes an event's stored image: the full image, its thumbnail and its responsive copies.</summary>
    public Task DeleteAsync(string? imageKey, EventImages? variants) => DeleteAsync(storage, StoredImage.KeysOf(imageKey, variants));

    /// <summary>Removes stored files by key; a file that cannot be removed is left (harmless), the change is not lost.</summary>
    private static async Task DeleteAsync(IImageStorage storage, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            try
            {
                await storage.DeleteAsync(key, CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or ImageStorageException or HttpRequestException)
            {
                // A leftover file is harmless; losing the change is not.
            }
        }
    }
}
