using System.Net;
using System.Xml.Linq;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Sharing;

/// <summary>Feed details a calendar app, a feed reader or a person downloading a file depends on.</summary>
public sealed class FeedDetailsTests(SqliteApiFactory factory) : ApiTest(factory), IClassFixture<SqliteApiFactory>
{
    [SkippableTheory]
    [InlineData("दिवाली मेला 2026")]
    [InlineData("கச்சேரி")]
    [InlineData("Holi Festival 2026")]
    public async Task A_one_event_calendar_file_is_named_for_the_event_whatever_its_script(string title)
    {
        var e = await PublishAsync(EventBody(title));

        var response = await Client().GetAsync($"/api/events/{e["id"]}/ics");

        var name = response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
        Assert.NotNull(name);
        Assert.EndsWith(".ics", name);
        Assert.NotEqual("2026.ics", name);
        Assert.Matches("[a-z]", name![..^4]);
        Assert.Contains(e["id"]!.ToString(), name);
    }

    [SkippableFact]
    public async Task Every_rss_enclosure_has_a_length()
    {
        var city = Unique("Rsspur");
        await PublishAsync(EventBody(Unique("Linked"), city: city));
        var (vendor, admin) = await SessionsAsync();
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Unique("Uploaded")), "title" },
            { new StringContent("d"), "description" },
            { new StringContent(city), "city" },
            { new StringContent(DateTime.UtcNow.AddDays(5).ToString("O")), "event_date" },
            { new StringContent("music"), "category" },
            { new ByteArrayContent(TestImages.Make(SkiaSharp.SKEncodedImageFormat.Png, 400, 300)), "image", "p.png" },
        };
        var created = await vendor.Client.PostAsync("/api/dashboard/events/", form);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, (int)(await Json(created))["id"]!, "approve")).StatusCode);

        var rss = XDocument.Parse(await Client().GetStringAsync($"/api/events/feed.rss?city={city}"));

        var enclosures = rss.Descendants("enclosure").ToList();
        Assert.Equal(2, enclosures.Count);
        Assert.All(enclosures, e => Assert.True(long.TryParse(e.Attribute("length")?.Value, out var n) && n >= 0, e.ToString()));
        // The uploaded image's length is its stored size.
        Assert.Contains(enclosures, e => long.Parse(e.Attribute("length")!.Value) > 0);
    }
}
