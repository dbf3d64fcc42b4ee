using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Sharing;

/// <summary>
/// API.md "Event facts": the share page's JSON-LD, checked against the properties of Google's Event structured data
/// (required and recommended) and the schema.org Event types, for each kind of event; and a cancelled event in the feeds.
/// </summary>
public abstract partial class EventRichResultsTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : EventRichResultsTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : EventRichResultsTests(f), IClassFixture<PostgresApiFactory>;

    /// <summary>Google's Event properties (required: name, startDate, location; the rest recommended) and the schema.org Event properties we add.</summary>
    private static readonly HashSet<string> EventProperties =
    [
        "@context", "@type", "name", "startDate", "location", "description", "endDate", "eventAttendanceMode", "eventStatus", "image", "offers",
        "organizer", "performer", "previousStartDate", "url", "inLanguage", "typicalAgeRange", "isAccessibleForFree",
    ];

    private static readonly HashSet<string> Statuses = ["EventScheduled", "EventCancelled", "EventPostponed", "EventRescheduled", "EventMovedOnline"];

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")]
    private static partial Regex WithOffset();

    private async Task<JsonObject> JsonLdAsync(int id)
    {
        var html = await Client().GetStringAsync($"/e/{id}");
        var ld = Regex.Match(html, "<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(ld.Success, "no JSON-LD on the share page");
        var json = JsonNode.Parse(ld.Groups[1].Value)!.AsObject();
        // What Google requires and the vocabulary of its values, whatever the kind.
        Assert.All(json.Select(p => p.Key), key => Assert.Contains(key, EventProperties));
        Assert.Equal("https://schema.org", (string)json["@context"]!);
        Assert.Equal("Event", (string)json["@type"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)json["name"]));
        Assert.Matches(WithOffset(), (string)json["startDate"]!);
        Assert.Matches(WithOffset(), (string)json["endDate"]!);
        Assert.Contains(((string)json["eventStatus"]!).Replace("https://schema.org/", ""), Statuses);
        Assert.NotNull(json["location"]);
        foreach (var image in json["image"]!.AsArray())
        {
            Assert.True(Uri.TryCreate((string)image!, UriKind.Absolute, out _));
        }
        Assert.Equal("Organization", (string)json["organizer"]!["@type"]!);
        if (json["offers"] is JsonObject offer)
        {
            Assert.Equal("Offer", (string)offer["@type"]!);
            Assert.StartsWith("https://schema.org/", (string)offer["availability"]!);
            Assert.True(Uri.TryCreate((string)offer["url"]!, UriKind.Absolute, out _));
            Assert.Matches(WithOffset(), (string)offer["validFrom"]!);
        }
        return json;
    }

    private static void AssertPlace(JsonNode place)
    {
        Assert.Equal("Place", (string)place["@type"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)place["name"]));
        var address = place["address"]!;
        Assert.Equal("PostalAddress", (string)address["@type"]!);
        Assert.Equal("Town Hall Road", (string)address["streetAddress"]!);
        Assert.Equal("Pune", (string)address["addressLocality"]!);
        Assert.Equal("Maharashtra", (string)address["addressRegion"]!);
        Assert.Equal("411001", (string)address["postalCode"]!);
        Assert.Equal("IN", (string)address["addressCountry"]!);
    }

    private static object Venue(object? more = null)
    {
        var venue = new JsonObject { ["venue_name"] = "Bal Gandharva Rang Mandir", ["venue_address"] = "Town Hall Road", ["pin_code"] = "411001" };
        foreach (var (key, value) in System.Text.Json.JsonSerializer.SerializeToNode(more ?? new { }, JsonOptions)!.AsObject())
        {
            venue[key] = value?.DeepClone();
        }
        return venue;
    }

    [SkippableFact]
    public async Task An_offline_paid_event_has_a_place_with_a_structured_address_offers_performers_and_ages()
    {
        var id = (int)(await PublishAsync(EventBody(Unique("Offline"), extra: Venue(new
        {
            price_min = 300,
            price_max = 900,
            ticket_url = "https://tickets.example.com/a",
            performers = new[] { "Kaushiki Chakraborty" },
            age_min = 5,
            age_max = 12,
            performance_languages = new[] { "hi", "bn" },
        }))))["id"]!;
        var json = await JsonLdAsync(id);
        Assert.Equal("https://schema.org/EventScheduled", (string)json["eventStatus"]!);
        Assert.Equal("https://schema.org/OfflineEventAttendanceMode", (string)json["eventAttendanceMode"]!);
        AssertPlace(json["location"]!);
        Assert.Equal(300m, (decimal)json["offers"]!["price"]!);
        Assert.Equal("INR", (string)json["offers"]!["priceCurrency"]!);
        Assert.Equal("https://tickets.example.com/a", (string)json["offers"]!["url"]!);
        Assert.Equal("Kaushiki Chakraborty", (string)json["performer"]![0]!["name"]!);
        Assert.Equal("5-12", (string)json["typicalAgeRange"]!);
        Assert.Equal(["hi", "bn"], json["inLanguage"]!.AsArray().Select(l => (string)l!));
        Assert.False((bool)json["isAccessibleForFree"]!);
    }

    [SkippableFact]
    public async Task An_online_event_has_a_virtual_location()
    {
        var id = (int)(await PublishAsync(EventBody(Unique("Online"), extra: new { attendance_mode = "online", online_url = "https://stream.example.com/o" })))["id"]!;
        var json = await JsonLdAsync(id);
        Assert.Equal("https://schema.org/OnlineEventAttendanceMode", (string)json["eventAttendanceMode"]!);
        Assert.Equal("VirtualLocation", (string)json["location"]!["@type"]!);
        Assert.Equal("https://stream.example.com/o", (string)json["location"]!["url"]!);
    }

    [SkippableFact]
    public async Task A_mixed_event_has_both_locations()
    {
        var id = (int)(await PublishAsync(EventBody(Unique("Mixed"), extra: Venue(new { attendance_mode = "mixed", online_url = "https://stream.example.com/m" }))))["id"]!;
        var json = await JsonLdAsync(id);
        Assert.Equal("https://schema.org/MixedEventAttendanceMode", (string)json["eventAttendanceMode"]!);
        var locations = json["location"]!.AsArray();
        AssertPlace(locations[0]!);
        Assert.Equal("VirtualLocation", (string)locations[1]!["@type"]!);
    }

    [SkippableFact]
    public async Task A_free_event_offers_a_price_of_zero_and_says_it_is_free()
    {
        var id = (int)(await PublishAsync(EventBody(Unique("Free"), extra: new { is_free = true, age_min = 18 })))["id"]!;
        var json = await JsonLdAsync(id);
        Assert.Equal(0m, (decimal)json["offers"]!["price"]!);
        Assert.Equal("INR", (string)json["offers"]!["priceCurrency"]!);
        Assert.True((bool)json["isAccessibleForFree"]!);
        Assert.Equal("18-", (string)json["typicalAgeRange"]!);
    }

    [SkippableFact]
    public async Task A_cancelled_event_says_so_on_its_page_in_its_json_ld_and_in_both_feeds()
    {
        var (vendor, _) = await SessionsAsync();
        var city = Unique("Feedpur");
        var title = Unique("Called off");
        var id = (int)(await PublishAsync(EventBody(title, city)))["id"]!;
        var before = await Client().GetStringAsync($"/api/events/feed.ics?city={city}");
        var sequence = int.Parse(Regex.Match(before, @"SEQUENCE:(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("STATUS:CONFIRMED", before);

        Assert.Equal(HttpStatusCode.OK, (await vendor.Client.PostAsync($"/api/dashboard/events/{id}/cancel/", Body(new { reason = "Rain." }))).StatusCode);
        var json = await JsonLdAsync(id);
        Assert.Equal("https://schema.org/EventCancelled", (string)json["eventStatus"]!);
        var page = await Client().GetStringAsync($"/e/{id}");
        Assert.Contains("This event is cancelled.", page);
        Assert.Contains("Rain.", page);

        var ics = await Client().GetStringAsync($"/api/events/feed.ics?city={city}");
        Assert.Contains("STATUS:CANCELLED", ics);
        Assert.True(int.Parse(Regex.Match(ics, @"SEQUENCE:(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > sequence);
        var single = await Client().GetStringAsync($"/api/events/{id}/ics");
        Assert.Contains("STATUS:CANCELLED", single);
        var rss = await Client().GetStringAsync($"/api/events/feed.rss?city={city}");
        Assert.Contains($"<title>Cancelled: {title}</title>", rss);
    }

    [SkippableFact]
    public async Task A_rescheduled_event_names_its_previous_start()
    {
        var (vendor, _) = await SessionsAsync();
        var id = (int)(await PublishAsync(EventBody(Unique("Moved"))))["id"]!;
        var first = (string)(await JsonLdAsync(id))["startDate"]!;
        var response = await vendor.Client.PostAsync($"/api/dashboard/events/{id}/reschedule/", Body(new { event_date = DateTime.UtcNow.AddDays(40).ToString("O") }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonLdAsync(id);
        Assert.Equal("https://schema.org/EventRescheduled", (string)json["eventStatus"]!);
        Assert.Equal([first], json["previousStartDate"]!.AsArray().Select(d => (string)d!));
        Assert.NotEqual(first, (string)json["startDate"]!);
    }

    [Fact]
    public void Every_shipped_city_has_its_state_and_every_state_line_names_a_shipped_city()
    {
        var cities = CulturaLite.Api.Events.BundledCities.Load().Select(c => c.Name).ToList();
        Assert.All(cities, c => Assert.True(CulturaLite.Api.Events.BundledCities.States.ContainsKey(c), $"{c} has no state"));
        Assert.Empty(CulturaLite.Api.Events.BundledCities.States.Keys.Except(cities, StringComparer.OrdinalIgnoreCase));
        Assert.Equal("Tamil Nadu", CulturaLite.Api.Events.BundledCities.States["Chennai"]);
    }

    [SkippableTheory]
    [InlineData(2000, 1500, 1200)]
    [InlineData(800, 1000, 800)]
    public async Task The_three_crops_are_served_at_their_ratios_as_wide_as_the_original_allows_up_to_1200(int width, int height, int expectedWidth)
    {
        var (vendor, admin) = await SessionsAsync();
        var form = new MultipartFormDataContent
        {
            { new StringContent(Unique("Crops")), "title" },
            { new StringContent("d"), "description" },
            { new StringContent("Pune"), "city" },
            { new StringContent(DateTime.UtcNow.AddDays(5).ToString("O")), "event_date" },
            { new StringContent("music"), "category" },
            { new ByteArrayContent(TestImages.Make(SkiaSharp.SKEncodedImageFormat.Jpeg, width, height)), "image", "poster.jpg" },
        };
        var id = (int)(await Json(await vendor.Client.PostAsync("/api/dashboard/events/", form)))["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);
        var json = await JsonLdAsync(id);
        var images = json["image"]!.AsArray().Select(i => (string)i!).ToList();
        Assert.Equal([$"http://localhost/e/{id}/image-16x9.jpg", $"http://localhost/e/{id}/image-4x3.jpg", $"http://localhost/e/{id}/image-1x1.jpg"], images);
        foreach (var (url, ratio) in images.Zip(new[] { 16.0 / 9, 4.0 / 3, 1.0 }))
        {
            var response = await Client().GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
            using var bitmap = SkiaSharp.SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(expectedWidth, bitmap.Width);
            Assert.InRange(bitmap.Width / (double)bitmap.Height, ratio - 0.01, ratio + 0.01);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync($"/e/{id}/image-2x1.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync("/e/99999999/image-1x1.jpg")).StatusCode);
    }
}
