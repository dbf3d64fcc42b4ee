using System.Text.Json;
using System.Text.Json.Nodes;
using CulturaLite.Api.Festivals;

namespace CulturaLite.Api.Sharing;

/// <summary>A festival's share page: what it is, when, and its public events, each described as on its own share page.</summary>
public sealed class FestivalPageModel(FestivalResponse festival, string url, TimeZoneInfo zone, IReadOnlyList<SharePageModel> events)
{
    /// <summary>The events a festival's page lists (the list API pages through all of them).</summary>
    public const int MaxEvents = 200;

    public FestivalResponse Festival { get; } = festival;
    public string Url { get; } = url;
    public IReadOnlyList<SharePageModel> Events { get; } = events;

    public string Summary => Festival.Description.Length <= 200 ? Festival.Description : Festival.Description[..197].TrimEnd() + "...";

    /// <summary>The dates for people: "Sat, 3 Oct – Sun, 11 Oct" in the site's zone.</summary>
    public string When => $"{Site.IndianFormat.Day(Festival.StartDate, zone)} – {Site.IndianFormat.Day(Festival.EndDate, zone)}";

    public string Start => SharePageModel.IsoIn(zone, Festival.StartDate);

    /// <summary>
    /// schema.org Event for the festival, each of its events a `subEvent` (the same description as the event's own
    /// page gives, which names the festival as its `superEvent`).
    /// </summary>
    public string JsonLd()
    {
        var json = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Event",
            ["name"] = Festival.Title,
            ["description"] = Festival.Description,
            ["startDate"] = Start,
            ["endDate"] = SharePageModel.IsoIn(zone, Festival.EndDate),
            ["eventStatus"] = "https://schema.org/EventScheduled",
            ["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode",
            ["location"] = new JsonObject
            {
                ["@type"] = "Place",
                ["name"] = Festival.City,
                ["address"] = new JsonObject { ["@type"] = "PostalAddress", ["addressLocality"] = Festival.City, ["addressCountry"] = "IN" },
            },
            ["image"] = Festival.ImageUrl,
            ["url"] = Url,
            ["organizer"] = new JsonObject { ["@type"] = "Organization", ["name"] = Festival.Organizer.Name, ["url"] = Festival.Organizer.Url },
        };
        var subEvents = new JsonArray();
        foreach (var e in Events)
        {
            var sub = JsonNode.Parse(e.JsonLd())!.AsObject();
            sub.Remove("@context");
            sub.Remove("superEvent");
            subEvents.Add(sub);
        }
        json["subEvent"] = subEvents;
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
