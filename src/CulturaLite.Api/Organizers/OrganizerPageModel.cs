using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CulturaLite.Api.Sharing;

namespace CulturaLite.Api.Organizers;

/// <summary>What the organizer page shows, and its schema.org Organization with the upcoming events.</summary>
public sealed class OrganizerPageModel(OrganizerProfileResponse profile, string url, IReadOnlyList<SharedEvent> events, Func<int, string> shareUrl, TimeZoneInfo zone)
{
    public OrganizerProfileResponse Profile { get; } = profile;
    public string Url { get; } = url;
    public IReadOnlyList<SharedEvent> Events { get; } = events;

    public string ShareUrl(int id) => shareUrl(id);

    /// <summary>At most 200 characters, for og:description.</summary>
    public string Summary => Profile.Description is { Length: > 0 } d
        ? (d.Length <= 200 ? d : d[..199] + "…")
        : $"Upcoming events by {Profile.Name} on CulturaLite.";

    /// <summary>"Sat 14 Mar 2026, 6:30 pm" in the site's zone.</summary>
    public string When(SharedEvent e) =>
        TimeZoneInfo.ConvertTimeFromUtc(e.EventDate, zone).ToString("ddd d MMM yyyy, h:mm tt", CultureInfo.InvariantCulture);

    public string Iso(DateTime utc) => SharePageModel.IsoIn(zone, utc);

    public string JsonLd()
    {
        var json = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Organization",
            ["name"] = Profile.Name,
            ["url"] = Url,
        };
        if (Profile.Description.Length > 0)
        {
            json["description"] = Profile.Description;
        }
        if (Profile.Website is { } website)
        {
            json["sameAs"] = website;
        }
        if (Profile.City is { } city)
        {
            json["address"] = new JsonObject { ["@type"] = "PostalAddress", ["addressLocality"] = city, ["addressCountry"] = "IN" };
        }
        json["event"] = new JsonArray([.. Events.Select(e => (JsonNode)new JsonObject
        {
            ["@type"] = "Event",
            ["name"] = e.Title,
            ["startDate"] = Iso(e.EventDate),
            ["url"] = ShareUrl(e.Id),
            ["location"] = new JsonObject
            {
                ["@type"] = "Place",
                ["name"] = e.Venue.Name ?? e.City,
                ["address"] = new JsonObject { ["@type"] = "PostalAddress", ["addressLocality"] = e.City, ["addressCountry"] = "IN" },
            },
        })]);
        // The default encoder escapes <, > and &, so the text cannot close the <script> element.
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
