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

    /// <summary>What a visitor must know first when the event does not happen as announced; null when it does.</summary>
    public string? StatusNotice => Event.Standing.EventStatus switch
    {
        Events.EventLifecycle.Cancelled => "This event is cancelled.",
        Events.EventLifecycle.Postponed => "This event is postponed; the new date is not known yet.",
        Events.EventLifecycle.Rescheduled => "This event has a new date.",
        Events.EventLifecycle.MovedOnline => "This event has moved online.",
        _ => null,
    };

    public string Start => Iso(Event.EventDate);

    public string End => Iso(Event.End);

    private string Iso(DateTime utc) => IsoIn(zone, utc);

    /// <summary>A UTC time as schema.org wants it: in <paramref name="zone"/>, with its offset (`2026-03-14T19:00:00+05:30`).</summary>
    public static string IsoIn(TimeZoneInfo zone, DateTime utc) =>
        new DateTimeOffset(TimeZoneInfo.ConvertTimeFromUtc(utc, zone), zone.GetUtcOffset(utc)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>schema.org Event, with what Google's event rich results require and recommend.</summary>
    public string JsonLd()
    {
        var facts = Event.Facts;
        var json = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Event",
            ["name"] = Event.Title,
            ["description"] = Event.Description,
            ["startDate"] = Start,
            ["endDate"] = End,
            ["eventStatus"] = "https://schema.org/" + SchemaStatus(Event.Standing.EventStatus),
            ["eventAttendanceMode"] = "https://schema.org/" + facts.AttendanceMode switch
            {
                Events.AttendanceModes.Online => "OnlineEventAttendanceMode",
                Events.AttendanceModes.Mixed => "MixedEventAttendanceMode",
                _ => "OfflineEventAttendanceMode",
            },
            ["location"] = Location(),
            ["image"] = new JsonArray([.. Images.Select(i => (JsonNode)JsonValue.Create(i)!)]),
            ["organizer"] = OrganizerUrl is { } organizerUrl
                ? new JsonObject { ["@type"] = "Organization", ["name"] = Event.Organizer, ["url"] = organizerUrl }
                : new JsonObject { ["@type"] = "Organization", ["name"] = Event.Organizer },
            ["url"] = ShareUrl,
            ["inLanguage"] = facts.PerformanceLanguages.Count switch
            {
                0 => Event.Language,
                1 => facts.PerformanceLanguages[0],
                _ => new JsonArray([.. facts.PerformanceLanguages.Select(l => (JsonNode)JsonValue.Create(l)!)]),
            },
        };
        if (Event.Standing.PreviousStartDates.Count > 0)
        {
            json["previousStartDate"] = new JsonArray([.. Event.Standing.PreviousStartDates.Select(d => (JsonNode)JsonValue.Create(Iso(d))!)]);
        }
        if (Offer() is { } offer)
        {
            json["offers"] = offer;
        }
        if (Event.Festival is { } festival && FestivalUrl is { } festivalUrl)
        {
            json["superEvent"] = new JsonObject
            {
                ["@type"] = "Event",
                ["name"] = festival.Title,
                ["url"] = festivalUrl,
                ["startDate"] = Iso(festival.StartDate),
                ["endDate"] = Iso(festival.EndDate),
            };
        }
        if (facts.Performers.Count > 0)
        {
            json["performer"] = new JsonArray([.. facts.Performers.Select(p => (JsonNode)new JsonObject { ["@type"] = "Person", ["name"] = p })]);
        }
        if (facts.AgeRange is { } ages)
        {
            json["typicalAgeRange"] = ages.Typical;
        }
        if (facts.Price is { } price)
        {
            json["isAccessibleForFree"] = price.IsFree;
        }
        // The default encoder escapes <, > and &, so the text cannot close the <script> element.
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    /// <summary>The images the page offers search engines: the three crops Google asks for (16:9, 4:3, 1:1).</summary>
    public IReadOnlyList<string> Images => [.. SharePagesController.Crops.Keys.Select(ratio => $"{ShareUrl}/image-{ratio}.jpg")];

    /// <summary>Where: the venue (a Place), the link (a VirtualLocation), or both for a mixed event.</summary>
    private JsonNode Location()
    {
        var virtualLocation = Event.Facts.OnlineUrl is { } url ? new JsonObject { ["@type"] = "VirtualLocation", ["url"] = url } : null;
        return Event.Facts.AttendanceMode switch
        {
            Events.AttendanceModes.Online when virtualLocation is not null => virtualLocation,
            Events.AttendanceModes.Mixed when virtualLocation is not null => new JsonArray(Place(), virtualLocation),
            _ => Place(),
        };
    }

    private JsonObject Place()
    {
        var address = new JsonObject { ["@type"] = "PostalAddress" };
        if (Event.Venue.Address is { } street)
        {
            address["streetAddress"] = street;
        }
        address["addressLocality"] = Event.City;
        if (Region is { } region)
        {
            address["addressRegion"] = region;
        }
        if (Event.Venue.PinCode is { } pin)
        {
            address["postalCode"] = pin;
        }
        address["addressCountry"] = "IN";
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
        return place;
    }

    /// <summary>The festival's page (`/f/{id}`) when the event is part of a public festival.</summary>
    public string? FestivalUrl { get; init; }

    /// <summary>The organizer's page (`/o/{slug}`).</summary>
    public string? OrganizerUrl { get; init; }

    /// <summary>The state the event's city is in, when the city catalog knows it.</summary>
    public string? Region { get; init; }

    /// <summary>The price and where to buy (price 0 when free); none when the vendor said nothing of either.</summary>
    private JsonObject? Offer()
    {
        var facts = Event.Facts;
        if (facts.Price is null && facts.TicketUrl is null)
        {
            return null;
        }
        var offer = new JsonObject { ["@type"] = "Offer" };
        if (facts.Price is { } price)
        {
            offer["price"] = price.IsFree ? 0 : price.Min ?? price.Max ?? 0;
            offer["priceCurrency"] = price.Currency;
        }
        offer["url"] = facts.TicketUrl ?? ShareUrl;
        offer["availability"] = Event.IsCancelled ? "https://schema.org/Discontinued" : "https://schema.org/InStock";
        if (Event.ApprovedAt is { } approved)
        {
            offer["validFrom"] = Iso(approved);
        }
        return offer;
    }

    private static string SchemaStatus(string status) => status switch
    {
        Events.EventLifecycle.Cancelled => "EventCancelled",
        Events.EventLifecycle.Postponed => "EventPostponed",
        Events.EventLifecycle.Rescheduled => "EventRescheduled",
        Events.EventLifecycle.MovedOnline => "EventMovedOnline",
        _ => "EventScheduled",
    };
}
