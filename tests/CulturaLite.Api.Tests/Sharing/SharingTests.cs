using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using CulturaLite.Api.Tests.Infrastructure;
using SkiaSharp;

namespace CulturaLite.Api.Tests.Sharing;

/// <summary>API.md "Feeds and sharing": calendar and RSS feeds, share pages, previews and the sitemap.</summary>
public abstract class SharingTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : SharingTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : SharingTests(f), IClassFixture<PostgresApiFactory>;

    private async Task<(JsonNode Item, string City)> PublishWithVenueAsync(string title, string description, int inDays = 4)
    {
        var city = Unique("Tanjore");
        var item = await PublishAsync(EventBody(title, city, description, inDays: inDays, extra: new
        {
            venue_name = "Brihadeeswara Temple Grounds",
            venue_address = "Membalam Road",
            pin_code = "613001",
            latitude = 10.7828,
            longitude = 79.1318,
            end_date = DateTime.UtcNow.AddDays(inDays).AddHours(5).ToString("O"),
        }));
        return (item, city);
    }

    [SkippableFact]
    public async Task Public_items_carry_their_share_url()
    {
        var item = await PublishAsync(EventBody(Unique("Share")));
        var id = (int)item["id"]!;
        var detail = await Json(await Client().GetAsync($"/api/events/{id}/"));
        Assert.Equal($"http://localhost/e/{id}", (string)detail["share_url"]!);
        var list = await Json(await Client().GetAsync($"/api/events/?search={Uri.EscapeDataString((string)item["title"]!)}"));
        Assert.Equal($"http://localhost/e/{id}", (string)list["results"]![0]!["share_url"]!);
    }

    [SkippableFact]
    public async Task The_configured_public_origin_and_frontend_link_are_used()
    {
        var item = await PublishAsync(EventBody(Unique("Origin")));
        var id = (int)item["id"]!;
        await using var configured = Factory.WithWebHostBuilder(b => b
            .UseSetting("Site:PublicBaseUrl", "https://culturalite.in/")
            .UseSetting("Site:FrontendEventUrl", "https://culturalite.in/events/{id}"));
        var client = configured.CreateClient();
        Assert.Equal($"https://culturalite.in/e/{id}", (string)(await Json(await client.GetAsync($"/api/events/{id}/")))["share_url"]!);
        var html = await client.GetStringAsync($"/e/{id}");
        Assert.Contains($"<meta property=\"og:image\" content=\"https://culturalite.in/e/{id}/og.jpg\">", html);
        Assert.Contains($"href=\"https://culturalite.in/events/{id}\"", html);
        var ics = StrictCalendar.Parse(await client.GetStringAsync($"/api/events/{id}/ics"));
        Assert.Equal($"event-{id}@culturalite.in", ics.Children.Single(c => c.Name == "VEVENT").Get("UID"));
    }

    [SkippableFact]
    public async Task The_calendar_feed_lists_what_the_list_lists_as_strict_rfc5545()
    {
        var description = "Thevaram, Thiruppugazh; and a long, long evening of nagaswaram — " + new string('ச', 120) + "\nBring a mat, water.";
        var (first, city) = await PublishWithVenueAsync("Margazhi: Nagaswaram, Thavil; Tanjore style", description);
        var second = await PublishAsync(EventBody(Unique("Second"), city, "Plain.", inDays: 6));

        var response = await Client().GetAsync($"/api/events/feed.ics?city={city}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        var calendar = StrictCalendar.Parse(await response.Content.ReadAsStringAsync());
        var events = calendar.Children.Where(c => c.Name == "VEVENT").ToList();
        Assert.Equal([(int)first["id"]!, (int)second["id"]!], events.Select(e => int.Parse(e.Get("UID")!.Split('@')[0]["event-".Length..])));

        var e = events[0];
        Assert.Equal($"event-{first["id"]}@localhost", e.Get("UID"));
        Assert.Equal("Margazhi: Nagaswaram, Thavil; Tanjore style", e.Text("SUMMARY"));
        Assert.Equal(description, e.Text("DESCRIPTION"));
        Assert.Equal($"Brihadeeswara Temple Grounds, Membalam Road, {city}, 613001", e.Text("LOCATION"));
        var start = DateTime.Parse((string)first["event_date"]!, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.Equal(start.ToString("yyyyMMdd'T'HHmmss'Z'"), e.Get("DTSTART"));
        Assert.Equal(start.AddHours(5).ToString("yyyyMMdd'T'HHmmss'Z'"), e.Get("DTEND"));
        Assert.Equal([10.7828, 79.1318], e.Get("GEO")!.Split(';').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal($"http://localhost/e/{first["id"]}", e.Get("URL"));
        Assert.Equal("Music", e.Text("CATEGORIES"));
        Assert.NotNull(e.Get("DTSTAMP"));
        Assert.NotNull(e.Get("LAST-MODIFIED"));
        var admin = (await SessionsAsync()).Admin;
        Assert.Equal((await VersionAsync(admin.Client, (int)first["id"]!)).ToString(), e.Get("SEQUENCE"));
        // Without an end, two hours.
        var s = DateTime.Parse((string)second["event_date"]!, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.Equal(s.AddHours(2).ToString("yyyyMMdd'T'HHmmss'Z'"), events[1].Get("DTEND"));
    }

    [SkippableFact]
    public async Task Feeds_answer_304_to_their_etag_and_change_after_a_decision()
    {
        var city = Unique("Hampi");
        await PublishAsync(EventBody(Unique("One"), city));
        var client = Client();
        var first = await client.GetAsync($"/api/events/feed.ics?city={city}");
        var etag = first.Headers.ETag!;
        var again = new HttpRequestMessage(HttpMethod.Get, $"/api/events/feed.ics?city={city}");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);

        await PublishAsync(EventBody(Unique("Two"), city));
        var after = await client.GetAsync($"/api/events/feed.ics?city={city}");
        Assert.NotEqual(etag, after.Headers.ETag);
        Assert.Equal(2, StrictCalendar.Parse(await after.Content.ReadAsStringAsync()).Children.Count(c => c.Name == "VEVENT"));
    }

    [SkippableFact]
    public async Task One_event_downloads_as_an_ics_attachment_and_a_pending_one_is_not_found()
    {
        var item = await PublishAsync(EventBody("Kathak Sandhya " + Unique("k")));
        var response = await Client().GetAsync($"/api/events/{item["id"]}/ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType ?? response.Headers.GetValues("Content-Disposition").First().Split(';')[0]);
        Assert.Matches($"^attachment; filename=\"?kathak-sandhya-k[0-9a-f]+-{item["id"]}\\.ics\"?; filename\\*=UTF-8''Kathak%20Sandhya%20k[0-9a-f]+\\.ics$",
            string.Join("", response.Content.Headers.GetValues("Content-Disposition")));
        Assert.Single(StrictCalendar.Parse(await response.Content.ReadAsStringAsync()).Children, c => c.Name == "VEVENT");

        var (vendor, _) = await SessionsAsync();
        var pending = await Json(await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("p")))));
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync($"/api/events/{pending["id"]}/ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync("/api/events/99999999/ics")).StatusCode);
    }

    [SkippableFact]
    public async Task The_rss_feed_is_rss_2_with_links_guids_dates_categories_and_enclosures()
    {
        var (item, city) = await PublishWithVenueAsync("Thavil & Nagaswaram <live>", "Temple music.");
        var response = await Client().GetAsync($"/api/events/feed.rss?city={city}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType!.MediaType);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("2.0", xml.Root!.Attribute("version")!.Value);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var channel = xml.Root.Element("channel")!;
        var self = channel.Element(atom + "link")!;
        Assert.Equal("self", self.Attribute("rel")!.Value);
        Assert.Equal($"http://localhost/api/events/feed.rss?city={city}", self.Attribute("href")!.Value);
        var rssItem = Assert.Single(channel.Elements("item"));
        Assert.Equal("Thavil & Nagaswaram <live>", rssItem.Element("title")!.Value);
        Assert.Equal($"http://localhost/e/{item["id"]}", rssItem.Element("link")!.Value);
        var guid = rssItem.Element("guid")!;
        Assert.Equal("false", guid.Attribute("isPermaLink")!.Value);
        Assert.Equal($"event-{item["id"]}@localhost", guid.Value);
        Assert.True(DateTimeOffset.TryParse(rssItem.Element("pubDate")!.Value, out _));
        Assert.Equal("Music", rssItem.Element("category")!.Value);
        Assert.Equal("https://cdn.example.com/e.jpg", rssItem.Element("enclosure")!.Attribute("url")!.Value);
    }

    [SkippableFact]
    public async Task The_share_page_has_previews_canonical_link_and_event_json_ld()
    {
        var (item, city) = await PublishWithVenueAsync("Natyanjali </script><b>Festival</b>", "Bharatanatyam at the temple. " + new string('x', 400));
        var id = (int)item["id"]!;
        var response = await Client().GetAsync($"/e/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("</script><b>", html);
        Assert.Contains("<title>Natyanjali &lt;/script&gt;&lt;b&gt;Festival&lt;/b&gt;", html);
        string Meta(string key)
        {
            var match = System.Text.RegularExpressions.Regex.Match(html, $"<meta (?:property|name)=\"{System.Text.RegularExpressions.Regex.Escape(key)}\" content=\"([^\"]*)\">");
            Assert.True(match.Success, key);
            return WebUtility.HtmlDecode(match.Groups[1].Value);
        }
        Assert.Equal("Natyanjali </script><b>Festival</b>", Meta("og:title"));
        Assert.True(Meta("og:description").Length <= 200);
        Assert.Equal($"http://localhost/e/{id}/og.jpg", Meta("og:image"));
        Assert.Equal($"http://localhost/e/{id}", Meta("og:url"));
        Assert.Equal("summary_large_image", Meta("twitter:card"));
        Assert.Contains($"<link rel=\"canonical\" href=\"http://localhost/e/{id}\">", html);
        Assert.Contains(" IST", html);

        var ld = System.Text.RegularExpressions.Regex.Match(html, "<script type=\"application/ld\\+json\">(.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline);
        var json = JsonNode.Parse(ld.Groups[1].Value)!;
        Assert.Equal("Event", (string)json["@type"]!);
        Assert.Equal("Natyanjali </script><b>Festival</b>", (string)json["name"]!);
        Assert.EndsWith("+05:30", (string)json["startDate"]!);
        Assert.EndsWith("+05:30", (string)json["endDate"]!);
        Assert.Equal("https://schema.org/EventScheduled", (string)json["eventStatus"]!);
        Assert.Equal("https://schema.org/OfflineEventAttendanceMode", (string)json["eventAttendanceMode"]!);
        Assert.Equal("Place", (string)json["location"]!["@type"]!);
        Assert.Equal(city, (string)json["location"]!["address"]!["addressLocality"]!);
        Assert.Equal("613001", (string)json["location"]!["address"]!["postalCode"]!);
        Assert.Equal("IN", (string)json["location"]!["address"]!["addressCountry"]!);
        Assert.Equal(10.7828, (double)json["location"]!["geo"]!["latitude"]!);
        Assert.NotNull(json["organizer"]!["name"]);
        Assert.NotNull(json["image"]);
        Assert.Equal($"http://localhost/e/{id}", (string)json["url"]!);
    }

    [SkippableFact]
    public async Task A_share_page_of_an_event_that_is_not_public_is_a_404_page()
    {
        var (vendor, _) = await SessionsAsync();
        var pending = await Json(await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("p")))));
        foreach (var path in new[] { $"/e/{pending["id"]}", "/e/99999999", "/e/abc", "/e/-1", "/e/99999999999999999999", $"/e/{pending["id"]}/og.jpg" })
        {
            var response = await Client().GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("Event not found", await response.Content.ReadAsStringAsync());
        }
    }

    [SkippableFact]
    public async Task The_preview_image_is_a_1200_by_630_jpeg_for_uploads_and_for_external_images()
    {
        var external = await PublishAsync(EventBody(Unique("Card")));
        var (vendor, admin) = await SessionsAsync();
        var form = new MultipartFormDataContent
        {
            { new StringContent(Unique("Upload")), "title" },
            { new StringContent("d"), "description" },
            { new StringContent("Pune"), "city" },
            { new StringContent(DateTime.UtcNow.AddDays(5).ToString("O")), "event_date" },
            { new StringContent("music"), "category" },
            { new ByteArrayContent(TestImages.Make(SKEncodedImageFormat.Jpeg, 800, 1000)), "image", "tall.jpg" },
        };
        var uploaded = await Json(await vendor.Client.PostAsync("/api/dashboard/events/", form));
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, (int)uploaded["id"]!, "approve")).StatusCode);

        foreach (var id in new[] { (int)external["id"]!, (int)uploaded["id"]! })
        {
            var response = await Client().GetAsync($"/e/{id}/og.jpg");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
            using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal((1200, 630), (bitmap.Width, bitmap.Height));
            if (id == (int)external["id"]!)
            {
                // The drawn card carries its title in white: count the white pixels of the text area.
                var white = 0;
                for (var y = 250; y < 630; y += 2)
                {
                    for (var x = 60; x < 1100; x += 2)
                    {
                        var p = bitmap.GetPixel(x, y);
                        white += p.Red > 230 && p.Green > 230 && p.Blue > 230 ? 1 : 0;
                    }
                }
                Assert.True(white > 500, $"the card's text is drawn ({white} white samples)");
            }
        }
    }

    [SkippableFact]
    public async Task The_calendar_feed_stops_at_500_events_and_the_rss_feed_at_100_in_list_order()
    {
        _ = Client();
        var city = Unique("Feedpur");
        await WithDb(async db =>
        {
            var vendor = await Seed.UserAsync(db);
            var admin = await Seed.UserAsync(db, admin: true);
            var music = await Seed.CategoryAsync(db, "music");
            var placed = (await CulturaLite.Api.Events.CityResolver.LoadAsync(db, default)).Resolve(city);
            for (var i = 0; i < 501; i++)
            {
                var e = CulturaLite.Api.Events.Event.Submit(vendor.Id, new CulturaLite.Api.Events.EventDetails($"Feed {i:000}", "Music.", placed.Name,
                    DateTime.UtcNow.AddDays(2).AddMinutes(i), music.Id, "https://cdn.example.com/f.jpg", null, null), DateTime.UtcNow);
                db.Add(e.Approve(admin.Id, DateTime.UtcNow).Value!);
                db.Add(e);
            }
            await db.SaveChangesAsync();
        });

        var ics = StrictCalendar.Parse(await Client().GetStringAsync($"/api/events/feed.ics?city={city}"));
        var rss = XDocument.Parse(await Client().GetStringAsync($"/api/events/feed.rss?city={city}"));

        var summaries = ics.Children.Where(c => c.Name == "VEVENT").Select(c => c.Text("SUMMARY")).ToList();
        Assert.Equal(500, summaries.Count);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"Feed {i:000}"), summaries);
        var items = rss.Descendants("item").Select(i => (string)i.Element("title")!).ToList();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"Feed {i:000}"), items);
    }

    [SkippableFact]
    public async Task The_sitemap_lists_the_share_pages_of_upcoming_approved_events()
    {
        var item = await PublishAsync(EventBody(Unique("Map")));
        var (vendor, _) = await SessionsAsync();
        var pending = await Json(await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("p")))));
        var response = await Client().GetAsync("/sitemap.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        Assert.Equal(sm + "urlset", xml.Root!.Name);
        var locs = xml.Root.Elements(sm + "url").Select(u => u.Element(sm + "loc")!.Value).ToList();
        Assert.Contains($"http://localhost/e/{item["id"]}", locs);
        Assert.DoesNotContain($"http://localhost/e/{pending["id"]}", locs);
        Assert.All(xml.Root.Elements(sm + "url"), u => Assert.NotNull(u.Element(sm + "lastmod")));
    }

    [SkippableTheory]
    [InlineData("/api/events/feed.ics?date_from=0001-01-01&date_to=9999-12-31")]
    [InlineData("/api/events/feed.rss?date_from=0001-01-01T00:00:00Z&ordering=-event_date")]
    [InlineData("/api/events/feed.ics?date_to=0001-01-01")]
    [InlineData("/sitemap-999999.xml")]
    public async Task Extreme_dates_and_parts_never_answer_5xx(string url)
    {
        await PublishAsync(EventBody(Unique("Edge")));
        var response = await Client().GetAsync(url);
        Assert.True((int)response.StatusCode is 200 or 404, $"{url} -> {(int)response.StatusCode}");
        if (url.Contains(".ics"))
        {
            StrictCalendar.Parse(await response.Content.ReadAsStringAsync());
        }
    }

    [SkippableTheory]
    [InlineData("/api/events/feed.ics?date_from=someday")]
    [InlineData("/api/events/feed.rss?near=north")]
    [InlineData("/api/events/feed.ics?search=%00")]
    [InlineData("/api/events/feed.rss?ordering=distance")]
    public async Task A_malformed_filter_on_a_feed_is_the_same_400_as_the_list(string url)
    {
        var response = await Client().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
