using System.Reflection;
using System.Text.Json;
using CulturaLite.Api.Events;

namespace CulturaLite.Api.Tests.Events;

/// <summary>
/// Every field a vendor gives (each member of <see cref="EventDetails"/>, the venue's members one by one) is shown
/// in the dashboard and admin items, kept in each revision, and named by `changes` when it alone changes. A field
/// added to the details and forgotten in one of those fails here, naming it.
/// </summary>
public sealed class EventFieldCoverageTests
{
    private static readonly DateTime Now = new(2027, 1, 26, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>Members derived from others (the stored image's copies, the search terms): not the vendor's fields.</summary>
    private static readonly string[] Derived = ["ThumbnailUrl", "ImageKey", "Images", "IndexTerms"];

    /// <summary>Each field as the API names it, and a change of it.</summary>
    private static readonly Dictionary<string, (string Wire, Func<EventDetails, EventDetails> Change)> Fields = new()
    {
        ["Title"] = ("title", d => d with { Title = d.Title + " 2" }),
        ["Description"] = ("description", d => d with { Description = d.Description + " More." }),
        ["City"] = ("city", d => d with { City = "Pune" }),
        ["EventDate"] = ("event_date", d => d with { EventDate = d.EventDate.AddDays(1) }),
        ["CategoryId"] = ("category", d => d with { CategoryId = d.CategoryId + 1 }),
        ["ImageUrl"] = ("image_url", d => d with { ImageUrl = "https://cdn.example.com/other.jpg" }),
        ["EndDate"] = ("end_date", d => d with { EndDate = d.EventDate.AddHours(5) }),
        ["Language"] = ("language", d => d with { Language = "hi" }),
        ["Translations"] = ("translations.ta.title", d => d with { Translations = new Dictionary<string, EventText> { ["ta"] = new("கச்சேரி", "இசை") } }),
        ["Venue.Name"] = ("venue_name", d => d with { Venue = d.Venue with { Name = "Town Hall" } }),
        ["Venue.Address"] = ("venue_address", d => d with { Venue = d.Venue with { Address = "1 MG Road" } }),
        ["Venue.Locality"] = ("locality", d => d with { Venue = d.Venue with { Locality = "Kothrud" } }),
        ["Venue.PinCode"] = ("pin_code", d => d with { Venue = d.Venue with { PinCode = "411038" } }),
        ["Venue.Latitude"] = ("latitude", d => d with { Venue = d.Venue with { Latitude = 18.5 } }),
        ["Venue.Longitude"] = ("longitude", d => d with { Venue = d.Venue with { Longitude = 73.8 } }),
    };

    private static EventDetails Sample() =>
        new("Holi Festival", "Colours and music.", "Mumbai", Now.AddDays(30), 1, "https://cdn.example.com/e.jpg", null, null);

    [Fact]
    public void Every_member_of_the_details_is_a_known_field_or_derived()
    {
        var members = typeof(EventDetails).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != "EqualityContract")
            .SelectMany(p => p.PropertyType == typeof(EventVenue)
                ? typeof(EventVenue).GetProperties().Select(v => $"{p.Name}.{v.Name}")
                : [p.Name])
            .Except(Derived).Order();
        Assert.Equal(Fields.Keys.Order(), members);
    }

    [Fact]
    public void Each_field_alone_changed_is_named_by_the_revisions_changes()
    {
        var before = EventRevision.Snapshot(Event.Submit(7, Sample(), Now)).ToJsonString();
        foreach (var (member, (wire, change)) in Fields)
        {
            var after = EventRevision.Snapshot(Event.Submit(7, change(Sample()), Now)).ToJsonString();
            var changed = EventRevision.Changes(before, after).Select(c => c.Field).ToList();
            Assert.True(changed.Contains(wire), $"{member}: changes named [{string.Join(", ", changed)}], not {wire}");
            Assert.All(changed, f => Assert.True(f == wire || f.StartsWith("translations.", StringComparison.Ordinal),
                $"{member}: changing it alone also changed {f}"));
        }
    }

    [Fact]
    public void Each_field_is_a_member_of_the_dashboard_and_admin_items()
    {
        var members = typeof(DashboardEventResponse).GetProperties()
            .Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)).ToHashSet();
        foreach (var (member, (wire, _)) in Fields)
        {
            var top = wire.Split('.')[0];
            Assert.True(members.Contains(top), $"{member} ({top}) is not in the dashboard and admin items");
        }
    }
}
