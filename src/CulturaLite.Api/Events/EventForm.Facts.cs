using System.Globalization;
using System.Text.Json;
using CulturaLite.Api.Web;

namespace CulturaLite.Api.Events;

/// <summary>The facts: price and tickets, ages, access, attendance, languages performed in, performers.</summary>
public sealed partial class EventForm
{
    /// <summary>ISO 4217 codes the platform's cultures know (INR first among them), for `currency`.</summary>
    private static readonly HashSet<string> Currencies = KnownCurrencies();

    /// <summary>Each fact optional: absent keeps it, null (or "") clears it.</summary>
    private static EventFacts ReadFacts(RequestFields fields, FieldErrors errors, Event? existing)
    {
        var kept = existing?.Facts ?? EventFacts.None;
        var isFree = ReadBool(fields, errors, "is_free", kept.Price?.IsFree);
        var min = ReadAmount(fields, errors, "price_min", kept.Price?.Min);
        var max = ReadAmount(fields, errors, "price_max", kept.Price?.Max);
        if (min is not null && max is not null && max < min && !errors.Has("price_min"))
        {
            errors.Add("price_max", "The highest price must be at least the lowest (price_min).");
        }
        if (isFree == true && min > 0 && !errors.Has("price_min"))
        {
            errors.Add("price_min", "A free event has no price above 0; set is_free to false or leave the price out.");
        }
        var currency = ReadCurrency(fields, errors, kept.Price?.Currency ?? existing?.Currency);
        EventPrice? price = isFree is null && min is null && max is null ? null : new EventPrice(isFree ?? false, min, max, currency ?? EventPrice.DefaultCurrency);

        var ticketUrl = ReadUrl(fields, errors, "ticket_url", kept.TicketUrl);
        var ageMin = ReadWhole(fields, errors, "age_min", kept.AgeRange?.Min, 0, AgeRange.Oldest);
        var ageMax = ReadWhole(fields, errors, "age_max", kept.AgeRange?.Max, 0, AgeRange.Oldest);
        if (ageMin is not null && ageMax is not null && ageMax < ageMin && !errors.Has("age_min"))
        {
            errors.Add("age_max", "The oldest age must be at least the youngest (age_min).");
        }

        var accessibility = ReadCodes(fields, errors, "accessibility", kept.Accessibility, AccessibilityCodes.All.Length, 40, code => AccessibilityCodes.Flags([code]) is not null,
            code => $"\"{code}\" is not an accessibility code: use {string.Join(", ", AccessibilityCodes.All)}.");
        if (!errors.Has("accessibility"))
        {
            accessibility = [.. AccessibilityCodes.All.Where(accessibility.Contains)];
        }
        var mode = ReadMode(fields, errors, kept.AttendanceMode);
        var onlineUrl = ReadUrl(fields, errors, "online_url", kept.OnlineUrl);
        if (mode is AttendanceModes.Online or AttendanceModes.Mixed && onlineUrl is null && !errors.Has("online_url") && !errors.Has("attendance_mode"))
        {
            errors.Add("online_url", $"An {mode} event needs the link where people join it (online_url).");
        }
        var languages = ReadCodes(fields, errors, "performance_languages", kept.PerformanceLanguages, 20, 3, LanguageList.IsCode,
            code => $"\"{code}\" is not a language code (ISO 639, such as hi, ta, en).");
        var performers = ReadNames(fields, errors, kept.Performers);
        return new EventFacts(price, ticketUrl, ageMin is null && ageMax is null ? null : new AgeRange(ageMin, ageMax),
            accessibility, mode, onlineUrl, languages, performers);
    }

    private static bool? ReadBool(RequestFields fields, FieldErrors errors, string name, bool? kept)
    {
        if (fields.Get(name) is not { } value)
        {
            return kept;
        }
        if (value.IsNull || (value.IsText && string.IsNullOrWhiteSpace(value.Text)))
        {
            return null;
        }
        if (BooleanText.Parse(value.IsBool || value.IsText ? value.Text : null) is { } flag)
        {
            return flag;
        }
        errors.Add(name, "Must be a valid boolean.");
        return null;
    }

    /// <summary>An amount of 0 to 10,000,000 with at most two decimals, as a JSON number or its text.</summary>
    private static decimal? ReadAmount(RequestFields fields, FieldErrors errors, string name, decimal? kept)
    {
        if (!Optional(fields, errors, name, 64, kept, out var text, out var keptValue))
        {
            return keptValue;
        }
        if (text is null)
        {
            return null;
        }
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var amount))
        {
            errors.Add(name, "A valid number is required.");
            return null;
        }
        if (amount < 0 || amount > EventPrice.MaxMinor / 100)
        {
            errors.Add(name, $"Ensure this value is from 0 to {EventPrice.MaxMinor / 100:N0}.");
            return null;
        }
        if (EventPrice.Minor(amount) is null)
        {
            errors.Add(name, "Ensure that there are no more than 2 decimal places.");
            return null;
        }
        return EventPrice.Units(EventPrice.Minor(amount));
    }

    private static int? ReadWhole(RequestFields fields, FieldErrors errors, string name, int? kept, int min, int max)
    {
        if (!Optional(fields, errors, name, 32, kept, out var text, out var keptValue))
        {
            return keptValue;
        }
        if (text is null)
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(name, "A valid integer is required.");
            return null;
        }
        if (value < min || value > max)
        {
            errors.Add(name, $"Ensure this value is from {min} to {max}.");
            return null;
        }
        return value;
    }

    private static string? ReadCurrency(RequestFields fields, FieldErrors errors, string? kept)
    {
        if (!Optional(fields, errors, "currency", 8, kept, out var text, out var keptValue))
        {
            return keptValue;
        }
        if (text is null)
        {
            return null;
        }
        var code = text.ToUpperInvariant();
        if (!Currencies.Contains(code))
        {
            errors.Add("currency", $"\"{text}\" is not an ISO 4217 currency code (such as INR).");
            return null;
        }
        return code;
    }

    private static string ReadMode(RequestFields fields, FieldErrors errors, string kept)
    {
        if (!Optional(fields, errors, "attendance_mode", 20, kept, out var text, out var keptValue))
        {
            return keptValue;
        }
        if (text is null)
        {
            return AttendanceModes.Offline;
        }
        var mode = text.ToLowerInvariant();
        if (!AttendanceModes.All.Contains(mode))
        {
            errors.Add("attendance_mode", $"\"{text}\" is not a valid choice: use offline, online or mixed.");
            return kept;
        }
        return mode;
    }

    /// <summary>An http(s) URL of at most 500 characters.</summary>
    private static string? ReadUrl(RequestFields fields, FieldErrors errors, string name, string? kept)
    {
        if (!Optional(fields, errors, name, EventFacts.UrlMaxLength, kept, out var text, out var keptValue))
        {
            return keptValue;
        }
        return text is null ? null : errors.HttpUrl(name, text);
    }

    /// <summary>Codes as a JSON array of strings, or one string separated by commas (as a form sends them); distinct, in the order given.</summary>
    private static IReadOnlyList<string> ReadCodes(RequestFields fields, FieldErrors errors, string name, IReadOnlyList<string> kept, int maxCount, int maxLength,
        Func<string, bool> known, Func<string, string> unknown)
    {
        if (ReadList(fields, errors, name, separator: ',') is not { } items)
        {
            return kept;
        }
        var codes = items.Select(i => i.ToLowerInvariant()).Distinct().ToList();
        if (codes.Count > maxCount)
        {
            errors.Add(name, $"Ensure this field has no more than {maxCount} elements.");
            return kept;
        }
        foreach (var code in codes)
        {
            if (code.Length > maxLength || !known(code))
            {
                errors.Add(name, unknown(code.Length > 40 ? code[..40] : code));
                return kept;
            }
        }
        return codes;
    }

    /// <summary>Performers: a JSON array, or in a form one name per line (a name may hold a comma).</summary>
    private static IReadOnlyList<string> ReadNames(RequestFields fields, FieldErrors errors, IReadOnlyList<string> kept)
    {
        const string name = "performers";
        if (ReadList(fields, errors, name, separator: '\n') is not { } names)
        {
            return kept;
        }
        if (names.Count > EventFacts.MaxPerformers)
        {
            errors.Add(name, $"Ensure this field has no more than {EventFacts.MaxPerformers} elements.");
            return kept;
        }
        var clean = new List<string>();
        foreach (var performer in names)
        {
            if (errors.Text(name, performer, EventFacts.PerformerMaxLength) is not { } text)
            {
                return kept;
            }
            clean.Add(text);
        }
        return clean;
    }

    /// <summary>The list's items (trimmed, blanks dropped); null when absent or malformed (then with its field error).</summary>
    private static List<string>? ReadList(RequestFields fields, FieldErrors errors, string name, char separator)
    {
        if (fields.Get(name) is not { } value)
        {
            return null;
        }
        if (value.IsNull)
        {
            return [];
        }
        string?[] items;
        if (value.RawJson is { } raw)
        {
            using var document = JsonDocument.Parse(raw);
            if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
            {
                errors.Add(name, "Expected a list of strings.");
                return null;
            }
            items = [.. document.RootElement.EnumerateArray().Select(ReadItem)];
        }
        else if (value.IsText && value.Text is { } text)
        {
            items = text.TrimStart().StartsWith('[') ? ParseArray(text) ?? [null] : text.Split(separator);
        }
        else
        {
            errors.Add(name, "Expected a list of strings.");
            return null;
        }
        if (items.Any(i => i is null))
        {
            errors.Add(name, "Expected a list of strings.");
            return null;
        }
        return [.. items.Select(i => i!.Trim()).Where(i => i.Length > 0)];
    }

    private static string? ReadItem(JsonElement item)
    {
        try
        {
            return item.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A form field that holds a JSON array of strings; null when it is not one.</summary>
    private static string?[]? ParseArray(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 4 });
            return document.RootElement.ValueKind == JsonValueKind.Array && document.RootElement.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String)
                ? [.. document.RootElement.EnumerateArray().Select(ReadItem)]
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static HashSet<string> KnownCurrencies()
    {
        var codes = new HashSet<string>(StringComparer.Ordinal) { EventPrice.DefaultCurrency, "USD", "EUR", "GBP" };
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            try
            {
                codes.Add(new RegionInfo(culture.Name).ISOCurrencySymbol);
            }
            catch (ArgumentException)
            {
                // A culture without a region: no currency of its own.
            }
        }
        return codes;
    }
}
