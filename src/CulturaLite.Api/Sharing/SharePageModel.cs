using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CulturaLite.Api.Sharing;

/// <summary>What the share page shows and tells link previews and search engines.</summary>
public sealed class SharePageModel(SharedEvent e, string shareUrl, string ogImageUrl, string? frontendUrl, TimeZoneInfo zone)
{
    public SharedEvent Event { get; } = e;
    public string ShareUrl { get; } = shareUrl;
    public string OgImageUrl { get; } = ogImageUrl;
    public string? FrontendUrl { get; } = frontendUrl;

    /// <summary>The languages the page exists in (for hreflang links), empty when only one.</summary>
    public IReadOnlyList<string> Alternates { get; init; } = [];

    /// <summary>Open Graph's locale for the language shown: hi -> hi_IN.</summary>
    public string OgLocale => $"{Event.Language}_IN";

    public string LanguageUrl(string language) => $"{ShareUrl}?lang={language}";

    /// <summary>At most 200 characters, on a word boundary, for og:description.</summary>
    public string Summary
    {
        get
        {
            var text = string.Join(' ', Event.Description.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (text.Length <= 200)
            {
                return text;
            }
            var cut = text[..199];
            var space = cut.LastIndexOf(' ');
            return (space > 120 ? cut[..space] : cut) + "…";
        }
    }

    /// <summary>"Sat 14 Mar 2026, 6:30 pm – 9:30 pm" in the site's zone (India time).</summary>
    public string When
    {
        get
        {
            var start = TimeZoneInfo.ConvertTimeFromUtc(Event.EventDate, zone);
            var text = start.ToString("ddd d MMM yyyy, h:mm tt", CultureInfo.InvariantCulture);
            if (Event.EndDate is { } endUtc)
            {
                var end = TimeZoneInfo.ConvertTimeFromUtc(endUtc, zone);
                text += " – " + (end.Date == start.Date
                    ? end.ToString("h:mm tt", CultureInfo.InvariantCulture)
                    : end.ToString("ddd d MMM yyyy, h:mm tt", CultureInfo.InvariantCulture));
            }
            return text + (zone.Id is "Asia/Kolkata" or "Asia/Calcutta" ? " IST" : $" ({zone.Id})");
        }
    }

    public string Start => Iso(Event.EventDate);

    public string End => Iso(Event.End);

    private string Iso(DateTime utc) =>
        new DateTimeOffset(TimeZoneInfo.ConvertTimeFromUtc(utc, zone), zone.GetUtcOffset(utc)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>schema.org Event, with what Google's event rich results require and recommend.</summary>
    public string JsonLd()
    {
        var address = new JsonObject
        {
            ["@type"] = "PostalAddress",
            ["addressLocality"] = Event.City,
            ["addressCountry"] = "IN",
        };
        if (Event.Venue.Address is { } street)
        {
            address["streetAddress"] = street;
        }
        if (Event.Venue.PinCode is { } pin)
        {
            address["postalCode"] = pin;
        }
        var place = new JsonObject
        {
            ["@type"] = "Place",
            ["name"] = Event.Venue.Name ?? Event.Venue.Locality ?? Event.City,
            ["address"] = address,
        };
        if (Event.Venue is { Latitude: { } lat, Longitude: { } lon })
        {
            place["geo"] = new JsonObject { ["@type"] = "GeoCoordinates", ["latitude"] = lat, ["longitude"] = lon };
        }
        var json = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Event",
            ["name"] = Event.Title,
            ["description"] = Event.Description,
            ["startDate"] = Start,
            ["endDate"] = End,
            ["eventStatus"] = "https://schema.org/EventScheduled",
            ["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode",
            ["location"] = place,
            ["image"] = new JsonArray(OgImageUrl, Event.ImageUrl),
            ["organizer"] = new JsonObject { ["@type"] = "Organization", ["name"] = Event.Organizer },
            ["url"] = ShareUrl,
        };
        // The default encoder escapes <, > and &, so the text cannot close the <script> element.
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
