using System.Net;
using System.Text.RegularExpressions;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Site;

/// <summary>
/// The public home page: the list's own events for the same filters, numbered pages, the filters' errors next to their
/// fields, the interface language chosen by `?ui=`, a cookie or `Accept-Language`, and the pages' strict headers.
/// </summary>
public abstract partial class HomePageTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : HomePageTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : HomePageTests(f), IClassFixture<PostgresApiFactory>;

    private async Task<string> CityWithEventsAsync(int count)
    {
        var city = Unique("Nashik");
        await WithDb(async db =>
        {
            var vendor = await Seed.UserAsync(db);
            for (var i = 0; i < count; i++)
            {
                await Seed.EventAsync(db, vendor, city, DateTime.UtcNow.AddDays(3 + i), title: $"Raga {i:00} {city}");
            }
        });
        return city;
    }

    [SkippableFact]
    public async Task The_home_page_lists_what_the_api_lists_for_the_same_filters_in_order_with_numbered_pages()
    {
        var city = await CityWithEventsAsync(23);

        var api = await Json(await Client().GetAsync($"/api/events/?city={city}&page=2"));
        var page = await Client().GetStringAsync($"/?city={city}&page=2");

        var linked = CardLink().Matches(page).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(api["results"]!.AsArray().Select(e => (int)e!["id"]!), linked);
        Assert.Equal(3, linked.Count);
        Assert.Contains("23 events", page);
        Assert.Contains($"href=\"/?city={city}\" rel=\"prev\"", page);
        Assert.Contains("aria-current=\"page\"><span class=\"visually-hidden\">Page </span>2</a>", page);
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync($"/?city={city}&page=3")).StatusCode);
    }

    [SkippableFact]
    public async Task A_malformed_filter_is_a_400_page_with_the_error_next_to_its_field_never_a_5xx()
    {
        foreach (var query in new[] { "date_from=tomorrow", "accessibility=teleport", "page=0", "page=abc", "search=" + new string('x', 300), "date_to=\0" })
        {
            var answer = await Client().GetAsync("/?" + query);
            Assert.True((int)answer.StatusCode is 400 or 404, $"{query}: {(int)answer.StatusCode}");
            Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        }
        var bad = await (await Client().GetAsync("/?date_from=tomorrow")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"f-date-from-error\"", bad);
        Assert.Contains("aria-invalid=\"true\"", bad);
    }

    [SkippableFact]
    public async Task The_interface_language_is_chosen_by_query_then_cookie_then_accept_language()
    {
        var english = await Client().GetStringAsync("/");
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Contains("Upcoming events", english);

        Assert.Contains("आने वाले कार्यक्रम", await Client().GetStringAsync("/?ui=hi"));
        var header = Client();
        header.DefaultRequestHeaders.AcceptLanguage.ParseAdd("hi-IN, en;q=0.5");
        var hindi = await header.GetStringAsync("/");
        Assert.Contains("<html lang=\"hi\">", hindi);
        Assert.Contains("आने वाले कार्यक्रम", hindi);
        Assert.DoesNotContain("&#x", hindi);
        Assert.Contains("Upcoming events", await header.GetStringAsync("/?ui=en"));

        var browser = ConsoleSession.Browser(Factory);
        var switched = await browser.Client.GetAsync("/ui/hi?next=%2Fvendor%2Flogin");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/vendor/login", switched.Headers.Location!.OriginalString);
        Assert.Contains("लॉग इन करें", await browser.Client.GetStringAsync("/vendor/login"));
        foreach (var hostile in new[] { "https://evil.example", "//evil.example", "/\\evil.example" })
        {
            var away = await browser.Client.GetAsync("/ui/en?next=" + Uri.EscapeDataString(hostile));
            Assert.Equal("/", away.Headers.Location!.OriginalString);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Client.GetAsync("/ui/xx")).StatusCode);
    }

    [SkippableFact]
    public async Task Pages_carry_a_strict_policy_hold_no_inline_script_or_style_and_stay_under_100_kb()
    {
        var city = await CityWithEventsAsync(20);
        foreach (var path in new[] { $"/?city={city}", "/vendor/login", "/vendor/register", "/vendor/forgot-password" })
        {
            var answer = await Client().GetAsync(path);
            var html = await answer.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var policy = string.Join(";", answer.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", policy);
            Assert.Contains("style-src 'self'", policy);
            Assert.DoesNotContain("unsafe-inline", policy);
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)(?![^>]*application/ld\\+json)", html);
            Assert.DoesNotContain("<style", html);
            Assert.DoesNotMatch("\\sstyle=", html);
            Assert.DoesNotMatch("\\son[a-z]+=", html);
            Assert.True(answer.Content.Headers.ContentLength is null or < 100_000 && html.Length < 100_000, $"{path}: {html.Length} bytes");
        }
    }

    [SkippableFact]
    public async Task The_cached_home_page_shows_an_event_as_soon_as_it_is_approved()
    {
        var city = await CityWithEventsAsync(1);
        Assert.Contains("1 events", await Client().GetStringAsync($"/?city={city}"));
        var (vendor, admin) = await SessionsAsync();
        var created = await Json(await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Late Raga"), city: city))));

        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, (int)created["id"]!, "approve")).StatusCode);

        var page = await Client().GetStringAsync($"/?city={city}");
        Assert.Contains((string)created["title"]!, page);
        Assert.Contains("2 events", page);
    }

    [SkippableFact]
    public async Task The_stylesheet_script_and_devanagari_fonts_are_served_by_the_app_itself()
    {
        var css = await Client().GetAsync("/assets/site.css");
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        var styles = await css.Content.ReadAsStringAsync();
        foreach (var font in new[] { "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf" })
        {
            Assert.Contains($"/assets/fonts/{font}", styles);
            var answer = await Client().GetAsync($"/assets/fonts/{font}");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("font/ttf", answer.Content.Headers.ContentType?.MediaType);
            Assert.True((await answer.Content.ReadAsByteArrayAsync()).Length > 100_000);
        }
        Assert.DoesNotMatch("https?://", styles);
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync("/assets/site.js")).StatusCode);
    }

    [GeneratedRegex("<a class=\"whole\" href=\"/e/(\\d+)\"")]
    private static partial Regex CardLink();
}
