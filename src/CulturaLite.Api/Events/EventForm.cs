using CulturaLite.Api.Web;

namespace CulturaLite.Api.Events;

/// <summary>
/// The vendor's event form (multipart with an `image` file, or JSON with `image_url`) read into an
/// <see cref="EventRequest"/>, every rule checked and reported per field. Pure: it reads no database and
/// stores nothing; the clock, the configured languages and the categories are given. Members such as
/// `status` or `vendor` are not read at all.
/// </summary>
/// <param name="now">The time a future `event_date` is measured against.</param>
/// <param name="languages">`Site:Languages`; the first is the default.</param>
/// <param name="categories">The categories a `category` may name.</param>
/// <param name="maxImageBytes">The largest image upload.</param>
/// <param name="zone">`Site:TimeZone`: where a series keeps its wall-clock time.</param>
public sealed partial class EventForm(DateTime now, IReadOnlyList<string> languages, IReadOnlyCollection<CategoryRef> categories, long maxImageBytes, TimeZoneInfo zone)
{
    /// <param name="fields">The request's members.</param>
    /// <param name="existing">The event being edited; null when creating.</param>
    /// <param name="partial">PATCH: members that are absent keep their value.</param>
    public Outcome<EventRequest> Read(RequestFields fields, Event? existing, bool partial)
    {
        var errors = new FieldErrors();
        var title = Text(fields, errors, "title", Event.TitleMaxLength, partial) ?? existing?.Title;
        var description = Text(fields, errors, "description", Event.DescriptionMaxLength, partial) ?? existing?.Description;
        var city = Text(fields, errors, "city", Event.CityMaxLength, partial) ?? existing?.City;
        var eventDate = ReadDate(fields, errors, partial) ?? existing?.EventDate;
        var endDate = ReadEndDate(fields, errors, existing, eventDate);
        var category = ReadCategory(fields, errors, partial);
        var categoryId = category?.Id ?? existing?.CategoryId;
        var venue = ReadVenue(fields, errors, existing);
        var facts = ReadFacts(fields, errors, existing);
        var language = ReadLanguage(fields, errors, existing);
        var translations = ReadTranslations(fields, errors, existing, language);
        var series = ReadSeries(fields, errors, existing, eventDate);
        var festival = ReadFestival(fields, errors, existing);

        var file = fields.File("image");
        ImageChoice? image = file is null ? null : new ImageChoice.Upload(file);
        if (file is null && fields.Has("image") && fields.Get("image") is { IsNull: false, Text: { Length: > 0 } })
        {
            errors.Add("image", "The submitted data was not a file. Check the encoding type on the form.");
        }
        if (file is null)
        {
            image = ReadImageUrl(fields, errors, required: existing is null) is { } url ? new ImageChoice.External(url) : new ImageChoice.Keep();
        }
        if (file is not null && file.Length > maxImageBytes)
        {
            errors.Add("image", $"The image is too large: at most {maxImageBytes / (1024 * 1024.0):0.#} MB.");
        }
        if (errors.Any)
        {
            return Outcome<EventRequest>.Invalid(errors);
        }
        return Outcome<EventRequest>.Done(new EventRequest(title!, description!, city!, eventDate!.Value, endDate, categoryId!.Value, category?.Name, venue, language,
            translations, image!)
        { Facts = facts, Series = series, FestivalId = festival });
    }

    /// <summary>
    /// `recurrence` on a new event, or on the first date of a series (where an absent one keeps the series' rule):
    /// the series' dates from its first (a new `event_date`, else the rule's first date as it was).
    /// </summary>
    private SeriesPlan? ReadSeries(RequestFields fields, FieldErrors errors, Event? existing, DateTime? eventDate)
    {
        var recurrence = Recurrence.Read(fields, errors, out var cleared);
        if (existing?.Series is { } series)
        {
            if (cleared)
            {
                errors.Add(Recurrence.Field, "A series cannot become a single event: delete the dates it should not have, or the series.");
                return null;
            }
            recurrence ??= series.Recurrence;
        }
        if (recurrence is null || errors.Has(Recurrence.Field) || errors.Has("event_date"))
        {
            return null;
        }
        var startSent = fields.Has("event_date") || existing is null;
        var first = startSent ? eventDate : existing!.OccurrenceStart ?? existing.EventDate;
        if (first is null)
        {
            return null;
        }
        var dates = recurrence.Dates(first.Value, zone);
        if (dates.Value is not { } list)
        {
            foreach (var (field, messages) in dates.Errors.ToDictionary())
            {
                foreach (var message in messages)
                {
                    errors.Add(field, message);
                }
            }
            return null;
        }
        return new SeriesPlan(recurrence, list, startSent);
    }

    /// <summary>`festival`: the id of the festival the event is part of; absent keeps it, null or "" detaches it.</summary>
    private static int? ReadFestival(RequestFields fields, FieldErrors errors, Event? existing)
    {
        if (fields.Get("festival") is not { } value)
        {
            return existing?.FestivalId;
        }
        if (value.IsNull || (value.IsText && string.IsNullOrWhiteSpace(value.Text)))
        {
            return null;
        }
        if (!int.TryParse(value.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id < 1)
        {
            errors.Add("festival", "A valid integer is required.");
            return null;
        }
        return id;
    }

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
        if (date <= now)
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

    /// <summary>Optional `end_date`: after `event_date`, at most 31 days later; absent keeps it, null or "" clears it.</summary>
    private static DateTime? ReadEndDate(RequestFields fields, FieldErrors errors, Event? existing, DateTime? eventDate)
    {
        if (!Optional(fields, errors, "end_date", 64, existing?.EndDate, out var text, out var kept))
        {
            // A new event_date must still leave room for the end the event already has.
            return errors.Has("end_date") ? null : CheckEnd(errors, kept, eventDate);
        }
        DateTime? end = null;
        if (text is not null)
        {
            if (!UtcDateTimeConverter.TryParse(text, out var parsed))
            {
                errors.Add("end_date", "Datetime has wrong format. Use ISO 8601, e.g. 2026-03-14T22:00:00Z.");
                return null;
            }
            end = parsed;
        }
        return CheckEnd(errors, end, eventDate);
    }

    private static DateTime? CheckEnd(FieldErrors errors, DateTime? end, DateTime? eventDate)
    {
        if (end is null || eventDate is null || errors.Has("event_date"))
        {
            return end;
        }
        if (end <= eventDate)
        {
            errors.Add("end_date", "The end must be after the start (event_date).");
        }
        else if (end - eventDate > Event.MaxDuration)
        {
            errors.Add("end_date", "An event lasts at most 31 days.");
        }
        return end;
    }

    private CategoryRef? ReadCategory(RequestFields fields, FieldErrors errors, bool partial)
    {
        var text = Text(fields, errors, "category", 120, partial);
        if (text is null)
        {
            return null;
        }
        var match = CategoryRef.Find(categories, text);
        if (match is null)
        {
            errors.Add("category", "Invalid category: no category has this id, slug or name.");
        }
        return match;
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
        if (!Event.IsAcceptableImageUrl(text))
        {
            errors.Add("image_url", "Enter a valid http(s) URL.");
            return null;
        }
        return text;
    }
}
