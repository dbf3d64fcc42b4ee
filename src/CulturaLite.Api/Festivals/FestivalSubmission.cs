using System.Globalization;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Festivals;

/// <summary>
/// A vendor's festival form (multipart with an `image` file, or JSON with `image_url`): every rule checked and reported
/// per field, then the image stored only when all are valid. `status` and `vendor` are never read.
/// </summary>
public sealed class FestivalSubmission(CityResolver cities, EventImageStore images, TimeProvider clock, IOptions<SiteOptions> site)
{
    public sealed record Submitted(FestivalDetails Details, StoredImage? Stored);

    public async Task<Outcome<Submitted>> ReadAsync(RequestFields fields, Festival? existing, bool partial, string baseUrl, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var zone = site.Value.Zone;
        var now = clock.GetUtcNow().UtcDateTime;
        var title = Text(fields, errors, "title", Festival.TitleMaxLength, partial) ?? existing?.Title;
        var description = Text(fields, errors, "description", Festival.DescriptionMaxLength, partial) ?? existing?.Description;
        var city = Text(fields, errors, "city", Event.CityMaxLength, partial) ?? existing?.City;
        var start = Date(fields, errors, "start_date", endOfDay: false, zone, partial) ?? existing?.StartDate;
        var end = Date(fields, errors, "end_date", endOfDay: true, zone, partial) ?? existing?.EndDate;
        if (start is { } s && end is { } e && !errors.Has("start_date") && !errors.Has("end_date"))
        {
            if (e <= s)
            {
                errors.Add("end_date", "The end must be after the start (start_date).");
            }
            else if (e - s > Festival.MaxLength)
            {
                errors.Add("end_date", $"A festival lasts at most {Festival.MaxLength.TotalDays:0} days.");
            }
            else if (fields.Has("end_date") && e <= now)
            {
                errors.Add("end_date", "The festival must end in the future.");
            }
        }
        var website = existing?.Website;
        if (fields.Get("website") is { } w)
        {
            website = w.IsNull || string.IsNullOrWhiteSpace(w.Text) ? null : errors.Text("website", w.IsText ? w.Text : null, Festival.WebsiteMaxLength);
            if (website is not null && !Event.IsAcceptableImageUrl(website))
            {
                errors.Add("website", "Enter a valid http(s) URL.");
            }
        }
        var file = fields.File("image");
        string? imageUrl = null;
        if (file is null)
        {
            var url = fields.Get("image_url");
            if (url is { IsText: true, Text: { Length: > 0 } text } && !string.IsNullOrWhiteSpace(text))
            {
                if (!Event.IsAcceptableImageUrl(text))
                {
                    errors.Add("image_url", "Enter a valid http(s) URL.");
                }
                imageUrl = text;
            }
            else if (existing is null)
            {
                errors.Add("image", "An image is required: upload an image file or give an image_url.");
            }
        }
        else if (file.Length > images.MaxBytes)
        {
            errors.Add("image", $"The image is too large: at most {images.MaxBytes / (1024 * 1024.0):0.#} MB.");
        }
        if (errors.Any)
        {
            return Outcome<Submitted>.Invalid(errors);
        }
        StoredImage? stored = null;
        (string Url, string? Thumbnail, string? Key, EventImages? Variants) image = (existing?.ImageUrl ?? "", existing?.ThumbnailUrl, existing?.ImageKey, existing?.Images);
        if (file is not null)
        {
            var outcome = await images.StoreAsync(file, baseUrl, ct);
            if (!outcome.Succeeded)
            {
                return Outcome<Submitted>.Invalid(outcome.Errors);
            }
            stored = outcome.Value!;
            image = (stored.Url, stored.ThumbnailUrl, stored.ImageKey, stored.Variants);
        }
        else if (imageUrl is not null)
        {
            image = (imageUrl, null, null, null);
        }
        var placed = (await cities.GetAsync(ct)).Resolve(city!);
        return Outcome<Submitted>.Done(new Submitted(
            new FestivalDetails(title!, description!, placed.Name, start!.Value, end!.Value, image.Url, image.Thumbnail, image.Key, image.Variants, website), stored));
    }

    private static string? Text(RequestFields fields, FieldErrors errors, string name, int max, bool partial)
    {
        var value = fields.Get(name);
        if (value is null || value.Value.IsNull)
        {
            if (!partial || value is not null)
            {
                errors.Add(name, value is null ? "This field is required." : "This field may not be null.");
            }
            return null;
        }
        return errors.Text(name, value.Value.IsText ? value.Value.Text : null, max);
    }

    /// <summary>An ISO date (that whole day in the site's zone: its start, or its end) or date-time.</summary>
    private static DateTime? Date(RequestFields fields, FieldErrors errors, string name, bool endOfDay, TimeZoneInfo zone, bool partial)
    {
        var text = Text(fields, errors, name, 64, partial);
        if (text is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is > 1 and < 9000)
        {
            return endOfDay ? QueryText.StartOfDayUtc(day.AddDays(1), zone).AddSeconds(-1) : QueryText.StartOfDayUtc(day, zone);
        }
        if (UtcDateTimeConverter.TryParse(text, out var moment) && moment.Year is > 1 and < 9000)
        {
            return moment;
        }
        errors.Add(name, "Enter a valid date or date-time (ISO 8601), e.g. 2027-10-03.");
        return null;
    }
}
