using System.Net;
using System.Xml.Linq;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Web;

/// <summary>
/// A cached answer is built from the parameters its endpoint reads, and cached by exactly those: one
/// visitor's extra parameters never reach the links the next visitor gets, and parameters an endpoint
/// ignores never mint a new (costly) cache entry.
/// </summary>
public sealed class CacheKeyTests(SqliteApiFactory factory) : ApiTest(factory), IClassFixture<SqliteApiFactory>
{
    private const string Junk = "utm_campaign=spring&redirect=https%3A%2F%2Fevil.example%2F";

    private async Task<string> CityWithEventsAsync(int count)
    {
        var city = Unique("Cachepur");
        var vendor = await Sessions.SignInAsync(Factory);
        await WithDb(async db =>
        {
            var owner = (await db.Users.FindAsync(vendor.Id))!;
            for (var i = 0; i < count; i++)
            {
                await Seed.EventAsync(db, owner, city, DateTime.UtcNow.AddDays(3 + i));
            }
        });
        return city;
    }

    [SkippableFact]
    public async Task Page_links_keep_only_the_parameters_the_list_reads_in_one_order_even_from_the_cache()
    {
        var client = Client();
        var city = await CityWithEventsAsync(3);

        var seeded = await Json(await client.GetAsync($"/api/events/?{Junk}&page_size=1&city={city}&page=2"));
        var next = (string)seeded["next"]!;
        var previous = (string)seeded["previous"]!;
        var plain = await client.GetAsync($"/api/events/?city={city}&page=2&page_size=1");
        var plainBody = await Json(plain);

        Assert.DoesNotContain("evil", next);
        Assert.DoesNotContain("utm_campaign", next + previous);
        Assert.Equal($"http://localhost/api/events/?city={city}&page=3&page_size=1", next);
        Assert.Equal($"http://localhost/api/events/?city={city}&page_size=1", previous);
        Assert.Equal(next, (string)plainBody["next"]!);
    }

    [SkippableFact]
    public async Task The_rss_self_link_keeps_only_the_feeds_filters()
    {
        var city = await CityWithEventsAsync(1);

        var rss = XDocument.Parse(await Client().GetStringAsync($"/api/events/feed.rss?{Junk}&page=4&city={city}"));

        var self = rss.Descendants(XName.Get("link", "http://www.w3.org/2005/Atom")).Single().Attribute("href")!.Value;
        Assert.Equal($"http://localhost/api/events/feed.rss?city={city}", self);
    }

    [SkippableFact]
    public async Task A_page_size_over_the_maximum_however_large_gives_the_maximum()
    {
        var city = await CityWithEventsAsync(23);

        foreach (var size in new[] { "101", "99999999999", "1000000000000000000000000" })
        {
            var page = await Json(await Client().GetAsync($"/api/events/?city={city}&page_size={size}"));
            Assert.Equal(23, page["results"]!.AsArray().Count);
        }
    }

    [SkippableTheory]
    [InlineData("/api/events/feed.ics?city={city}")]
    [InlineData("/api/events/feed.rss?city={city}")]
    [InlineData("/api/events/{id}/")]
    [InlineData("/api/events/{id}/ics")]
    [InlineData("/e/{id}")]
    [InlineData("/e/{id}/og.jpg")]
    [InlineData("/sitemap.xml")]
    [InlineData("/api/categories/")]
    [InlineData("/api/cities/")]
    public async Task An_endpoint_is_cached_by_what_it_reads_and_ignored_parameters_find_the_same_entry(string template)
    {
        var client = Client();
        var city = await CityWithEventsAsync(1);
        var id = (int)(await Json(await client.GetAsync($"/api/events/?city={city}")))["results"]![0]!["id"]!;
        var path = template.Replace("{city}", city).Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var separator = path.Contains('?') ? '&' : '?';

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        // The pages' interface language (`ui`) is nothing to the API: it must not split the API's entries either.
        var ui = path.StartsWith("/api/", StringComparison.Ordinal) || path == "/sitemap.xml" ? "&ui=hi" : "";
        var ignored = await client.GetAsync($"{path}{separator}page={Random.Shared.Next(2, 9999)}&page_size=3&x={Guid.NewGuid():N}{ui}");

        Assert.Equal(HttpStatusCode.OK, ignored.StatusCode);
        Assert.NotNull(ignored.Headers.Age);
    }

    [SkippableFact]
    public async Task The_list_is_still_cached_apart_by_each_parameter_it_reads()
    {
        var client = Client();
        var city = await CityWithEventsAsync(2);
        await client.GetAsync($"/api/events/?city={city}");

        var other = await client.GetAsync($"/api/events/?city={city}&page_size=1");

        Assert.Null(other.Headers.Age);
        Assert.Single((await Json(other))["results"]!.AsArray());
    }

    [SkippableFact]
    public async Task A_preview_image_may_be_kept_downstream_for_at_most_five_minutes()
    {
        var city = await CityWithEventsAsync(1);
        var id = (int)(await Json(await Client().GetAsync($"/api/events/?city={city}")))["results"]![0]!["id"]!;

        var og = await Client().GetAsync($"/e/{id}/og.jpg");

        Assert.Equal(HttpStatusCode.OK, og.StatusCode);
        Assert.True(og.Headers.CacheControl?.MaxAge <= TimeSpan.FromMinutes(5), og.Headers.CacheControl?.ToString());
    }

    [SkippableTheory]
    [InlineData("DELETE", "/api/events/")]
    [InlineData("PUT", "/api/categories/")]
    [InlineData("GET", "/api/auth/login/")]
    public async Task A_405_names_every_method_of_the_path_options_included(string method, string path)
    {
        var response = await Client().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("OPTIONS", response.Content.Headers.Allow);
    }
}
