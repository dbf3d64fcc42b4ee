using CulturaLite.Api.Web;

namespace CulturaLite.Api.Events;

/// <summary>The event's language and its translations.</summary>
public sealed partial class EventForm
{
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
}
