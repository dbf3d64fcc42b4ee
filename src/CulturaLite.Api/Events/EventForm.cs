using System.Globalization;
using CulturaLite.Api.Web;

namespace CulturaLite.Api.Events;

/// <summary>What a vendor's form asks for the image.</summary>
public abstract record ImageChoice
{
    /// <summary>An uploaded file, to be checked and stored.</summary>
    public sealed record Upload(IFormFile File) : ImageChoice;

    /// <summary>An external http(s) URL, stored as given and never fetched.</summary>
    public sealed record External(string Url) : ImageChoice;

    /// <summary>An edit that leaves the image as it is.</summary>
    public sealed record Keep : ImageChoice;
}

/// <summary>A vendor's form, parsed and checked: every field typed, nothing stored yet.</summary>
public sealed record EventRequest(
    string Title, string Description, string City, DateTime EventDate, DateTime? EndDate, int CategoryId, string? CategoryName,
    EventVenue Venue, string Language, IReadOnlyDictionary<string, EventText> Translations, ImageChoice Image);

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
public sealed class EventForm(DateTime now, IReadOnlyList<string> languages, IReadOnlyCollection<CategoryRef> categories, long maxImageBytes)
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
        var language = ReadLanguage(fields, errors, existing);
        var translations = ReadTranslations(fields, errors, existing, language);

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
            translations, image!));
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

    /// <summary>`language`: one of `Site:Languages` (default the first, usually `en`); absent keeps it.</summary>
    private string ReadLanguage(RequestFields fields, FieldErrors errors, Event? existing)
    {
        var fallback = existing?.Language ?? languages[0];
        if (!Optional(fields, errors, "language", 16, fallback, out var text, out var kept))
        {
            return kept;
        }
        var code = text?.ToLowerInvariant() ?? languages[0];
        if (!languages.Contains(code))
        {
            errors.Add("language", $"\"{text}\" is not a supported language. Use one of: {string.Join(", ", languages)}.");
            return fallback;
        }
        return code;
    }

    /// <summary>
    /// `translations`: an object `{"hi": {"title", "description"}, ...}` (in multipart, that object as a JSON
    /// string) of supported languages other than the event's own; absent keeps them, null or {} clears them.
    /// </summary>
    private IReadOnlyDictionary<string, EventText> ReadTranslations(RequestFields fields, FieldErrors errors, Event? existing, string language)
    {
        const string name = "translations";
        if (fields.Get(name) is not { } value)
        {
            var kept = existing?.Translations ?? EventTranslations.None;
            if (kept.ContainsKey(language))
            {
                errors.Add(name, $"The event's own language ({language}) cannot also be a translation.");
            }
            return kept;
        }
        if (value.IsNull || (value.IsText && string.IsNullOrWhiteSpace(value.Text)))
        {
            return EventTranslations.None;
        }
        var json = value.RawJson ?? (value.IsText ? value.Text : null);
        System.Text.Json.JsonDocument document;
        try
        {
            document = System.Text.Json.JsonDocument.Parse(json ?? "", new System.Text.Json.JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (System.Text.Json.JsonException)
        {
            errors.Add(name, "Expected an object of languages, e.g. {\"hi\": {\"title\": \"...\", \"description\": \"...\"}}.");
            return EventTranslations.None;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                errors.Add(name, "Expected an object of languages, e.g. {\"hi\": {\"title\": \"...\", \"description\": \"...\"}}.");
                return EventTranslations.None;
            }
            var result = new Dictionary<string, EventText>(StringComparer.Ordinal);
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                var code = entry.Name;
                if (!languages.Contains(code))
                {
                    errors.Add(name, $"\"{Printable(code)}\" is not a supported language. Use one of: {string.Join(", ", languages)}.");
                    continue;
                }
                if (code == language)
                {
                    errors.Add(name, $"{code}: the event's own language is in title and description, not in translations.");
                    continue;
                }
                if (result.ContainsKey(code))
                {
                    errors.Add(name, $"{code}: given twice.");
                    continue;
                }
                if (entry.Value.ValueKind != System.Text.Json.JsonValueKind.Object)
                {
                    errors.Add(name, $"{code}: expected an object with title and description.");
                    continue;
                }
                var title = TranslatedText(entry.Value, "title", code, Event.TitleMaxLength, required: true, errors);
                var description = TranslatedText(entry.Value, "description", code, Event.DescriptionMaxLength, required: false, errors);
                if (title is not null && description is not null)
                {
                    result[code] = new EventText(title, description);
                }
            }
            return result;
        }
    }

    private static string? TranslatedText(System.Text.Json.JsonElement text, string member, string code, int max, bool required, FieldErrors errors)
    {
        if (!text.TryGetProperty(member, out var value) || value.ValueKind == System.Text.Json.JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add("translations", $"{code}.{member}: this field is required.");
                return null;
            }
            return "";
        }
        string? raw;
        try
        {
            raw = value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : null;
        }
        catch (InvalidOperationException)
        {
            raw = null;
        }
        if (raw is null)
        {
            errors.Add("translations", $"{code}.{member}: not a valid string.");
            return null;
        }
        var probe = new FieldErrors();
        var clean = probe.Text(member, raw, max, required: true, allowBlank: !required);
        if (clean is null)
        {
            foreach (var message in probe.ToDictionary().SelectMany(kv => kv.Value))
            {
                errors.Add("translations", $"{code}.{member}: {message}");
            }
        }
        return clean;
    }

    private static string Printable(string code) => code.Length > 16 ? code[..16] + "…" : code;

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
        else if (end - eventDate > MaxDuration)
        {
            errors.Add("end_date", "An event lasts at most 31 days.");
        }
        return end;
    }

    private static readonly TimeSpan MaxDuration = TimeSpan.FromDays(31);

    /// <summary>The venue fields; each optional (absent keeps it, null or "" clears it), coordinates both or neither.</summary>
    private static EventVenue ReadVenue(RequestFields fields, FieldErrors errors, Event? existing)
    {
        var name = OptionalText(fields, errors, "venue_name", EventVenue.NameMaxLength, existing?.VenueName);
        var address = OptionalText(fields, errors, "venue_address", EventVenue.AddressMaxLength, existing?.VenueAddress);
        var locality = OptionalText(fields, errors, "locality", EventVenue.LocalityMaxLength, existing?.Locality);
        var pin = OptionalText(fields, errors, "pin_code", 20, existing?.PinCode);
        if (pin is not null && !(pin.Length == 6 && pin[0] is >= '1' and <= '9' && pin.All(char.IsAsciiDigit)))
        {
            errors.Add("pin_code", "Enter a valid PIN code: 6 digits, not starting with 0.");
        }
        var lat = Coordinate(fields, errors, "latitude", 90, existing?.Latitude);
        var lon = Coordinate(fields, errors, "longitude", 180, existing?.Longitude);
        if (!errors.Has("latitude") && !errors.Has("longitude") && (lat is null) != (lon is null))
        {
            errors.Add(lat is null ? "latitude" : "longitude", "Give both latitude and longitude, or neither.");
        }
        return new EventVenue(name, address, locality, pin, lat, lon);
    }

    private static string? OptionalText(RequestFields fields, FieldErrors errors, string name, int max, string? existing) =>
        Optional(fields, errors, name, max, existing, out var text, out var kept) ? text : kept;

    private static double? Coordinate(RequestFields fields, FieldErrors errors, string name, double limit, double? existing)
    {
        if (!Optional(fields, errors, name, 64, existing, out var text, out var kept))
        {
            return kept;
        }
        if (text is null)
        {
            return null;
        }
        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            errors.Add(name, "A valid number is required.");
            return null;
        }
        if (value < -limit || value > limit)
        {
            errors.Add(name, $"Ensure this value is from -{limit:0} to {limit:0}.");
            return null;
        }
        return value;
    }

    /// <summary>
    /// An optional member: false (with <paramref name="kept"/>) when absent or unusable; true with the
    /// trimmed text, or null when it was sent as null or blank (which clears the value).
    /// </summary>
    private static bool Optional<T>(RequestFields fields, FieldErrors errors, string name, int max, T kept, out string? text, out T keptValue)
    {
        text = null;
        keptValue = kept;
        if (fields.Get(name) is not { } value)
        {
            return false;
        }
        if (value.IsNull)
        {
            return true;
        }
        if (!value.IsText)
        {
            errors.Add(name, "Not a valid string.");
            return false;
        }
        var clean = errors.Text(name, value.Text, max, required: false, allowBlank: true);
        if (clean is null)
        {
            return false;
        }
        text = clean.Length == 0 ? null : clean;
        return true;
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
