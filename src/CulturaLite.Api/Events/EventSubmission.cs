using System.Globalization;
using CulturaLite.Api.Data;
using CulturaLite.Api.Media;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Events;

/// <summary>
/// Turns a vendor's form (multipart with an `image` file, or JSON with `image_url`) into
/// <see cref="EventDetails"/>: every rule is checked and reported per field before any image is
/// stored. Members such as `status` or `vendor` are not read at all.
/// </summary>
public sealed class EventSubmission(AppDbContext db, ImageProcessor images, IImageStorage storage, MediaOptions media, TimeProvider clock)
{
    public sealed record Result(EventDetails? Details, FieldErrors Errors, IReadOnlyList<string> StoredKeys);

    /// <param name="fields">The request's members.</param>
    /// <param name="existing">The event being edited; null when creating.</param>
    /// <param name="partial">PATCH: members that are absent keep their value.</param>
    /// <param name="baseUrl">The request's scheme and host, for absolute media URLs.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<Result> ReadAsync(RequestFields fields, Event? existing, bool partial, string baseUrl, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var title = Text(fields, errors, "title", Event.TitleMaxLength, partial) ?? existing?.Title;
        var description = Text(fields, errors, "description", Event.DescriptionMaxLength, partial) ?? existing?.Description;
        var city = Text(fields, errors, "city", Event.CityMaxLength, partial) ?? existing?.City;
        var eventDate = ReadDate(fields, errors, partial) ?? existing?.EventDate;
        var categoryId = await ReadCategoryAsync(fields, errors, partial, ct) ?? existing?.CategoryId;

        var file = fields.File("image");
        string? imageUrl = null;
        if (file is null && fields.Has("image") && fields.Get("image") is { IsNull: false, Text: { Length: > 0 } })
        {
            errors.Add("image", "The submitted data was not a file. Check the encoding type on the form.");
        }
        if (file is null)
        {
            imageUrl = ReadImageUrl(fields, errors, required: existing is null);
        }
        if (file is not null && file.Length > media.MaxImageBytes)
        {
            errors.Add("image", $"The image is too large: at most {media.MaxImageBytes / (1024 * 1024.0):0.#} MB.");
        }
        if (errors.Any)
        {
            return new Result(null, errors, []);
        }

        var storedKeys = new List<string>();
        string url;
        string? thumbnail;
        string? key;
        if (file is not null)
        {
            await using var upload = file.OpenReadStream();
            var (processed, problem) = await images.ProcessAsync(upload, file.Length, ct);
            if (processed is null)
            {
                errors.Add("image", problem!);
                return new Result(null, errors, []);
            }
            using var _ = processed;
            await using var fullStream = processed.OpenFull();
            var full = await storage.SaveAsync("events", processed.Extension, processed.ContentType, fullStream, baseUrl, ct);
            storedKeys.Add(full.Key);
            await using var thumbStream = processed.OpenThumbnail();
            var thumb = await storage.SaveAsync("events/thumbs", processed.Extension, processed.ContentType, thumbStream, baseUrl, ct);
            storedKeys.Add(thumb.Key);
            (url, thumbnail, key) = (full.Url, thumb.Url, full.Key + "|" + thumb.Key);
        }
        else if (imageUrl is not null)
        {
            (url, thumbnail, key) = (imageUrl, null, null);
        }
        else
        {
            (url, thumbnail, key) = (existing!.ImageUrl, existing.ThumbnailUrl, existing.ImageKey);
        }
        return new Result(new EventDetails(title!, description!, city!, eventDate!.Value, categoryId!.Value, url, thumbnail, key), errors, storedKeys);
    }

    /// <summary>Removes images by their event's key (the full image and its thumbnail).</summary>
    public async Task DeleteImagesAsync(string? imageKey, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(imageKey))
        {
            return;
        }
        foreach (var key in imageKey.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                await storage.DeleteAsync(key, ct);
            }
            catch (Exception e) when (e is IOException or ImageStorageException or HttpRequestException)
            {
                // A leftover file is harmless; losing the edit is not.
            }
        }
    }

    public Task DeleteStoredAsync(IEnumerable<string> keys, CancellationToken ct) => DeleteImagesAsync(string.Join('|', keys), ct);

    private static string? Text(RequestFields fields, FieldErrors errors, string name, int max, bool partial)
    {
        var value = fields.Get(name);
        if (value is null)
        {
            if (!partial)
            {
                errors.Add(name, "This field is required.");
            }
            return null;
        }
        if (value.Value.IsNull)
        {
            errors.Add(name, "This field may not be null.");
            return null;
        }
        if (!value.Value.IsText)
        {
            errors.Add(name, "Not a valid string.");
            return null;
        }
        return errors.Text(name, value.Value.Text, max);
    }

    private DateTime? ReadDate(RequestFields fields, FieldErrors errors, bool partial)
    {
        var text = Text(fields, errors, "event_date", 64, partial);
        if (text is null)
        {
            return null;
        }
        if (!UtcDateTimeConverter.TryParse(text, out var date))
        {
            errors.Add("event_date", "Datetime has wrong format. Use ISO 8601, e.g. 2026-03-14T18:30:00Z.");
            return null;
        }
        if (date <= clock.GetUtcNow().UtcDateTime)
        {
            errors.Add("event_date", "The event date must be in the future.");
            return null;
        }
        if (date.Year > 9000)
        {
            errors.Add("event_date", "The event date is too far in the future.");
            return null;
        }
        return date;
    }

    private async Task<int?> ReadCategoryAsync(RequestFields fields, FieldErrors errors, bool partial, CancellationToken ct)
    {
        var text = Text(fields, errors, "category", 120, partial);
        if (text is null)
        {
            return null;
        }
        var categories = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.Slug, c.Name }).ToListAsync(ct);
        var match = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? categories.FirstOrDefault(c => c.Id == id)
            : categories.FirstOrDefault(c => string.Equals(c.Slug, text, StringComparison.OrdinalIgnoreCase))
              ?? categories.FirstOrDefault(c => string.Equals(c.Name, text, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            errors.Add("category", "Invalid category: no category has this id, slug or name.");
            return null;
        }
        return match.Id;
    }

    private static string? ReadImageUrl(RequestFields fields, FieldErrors errors, bool required)
    {
        var value = fields.Get("image_url");
        if (value is null || value.Value.IsNull || (value.Value.IsText && string.IsNullOrWhiteSpace(value.Value.Text)))
        {
            if (required)
            {
                errors.Add("image", "An image is required: upload an image file or give an image_url.");
            }
            return null;
        }
        var text = errors.Text("image_url", value.Value.IsText ? value.Value.Text : null, Event.UrlMaxLength);
        if (text is null)
        {
            return null;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host) || text.Any(char.IsWhiteSpace))
        {
            errors.Add("image_url", "Enter a valid http(s) URL.");
            return null;
        }
        return text;
    }
}
