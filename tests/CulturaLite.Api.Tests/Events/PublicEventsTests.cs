using System.Net;
using CulturaLite.Api.Events;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Events;

public abstract class PublicEventsTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : PublicEventsTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : PublicEventsTests(f), IClassFixture<PostgresApiFactory>;

    private static DateTime Days(int n) => DateTime.UtcNow.AddDays(n);

    /// <summary>The day a UTC moment falls on in India, which is what a bare date in a filter means (Site:TimeZone).</summary>
    private static string IndiaDay(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")).ToString("yyyy-MM-dd");

    [SkippableFact]
    public async Task List_shows_only_approved_upcoming_events_in_the_documented_shape()
    {
        var city = Unique("City");
        var client = Client();
        await WithDb(async db =>
        {
            var vendor = await Seed.UserAsync(db);
            await Seed.EventAsync(db, vendor, city, Days(5), title: "Approved soon");
            await Seed.EventAsync(db, vendor, city, Days(3), EventStatus.Pending, title: "Pending");
            await Seed.EventAsync(db, vendor, city, Days(4), EventStatus.Rejected, title: "Rejected");
            await Seed.EventAsync(db, vendor, city, Days(-2), title: "Past");
        });

        var response = await client.GetAsync($"/api/events/?city={city}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await Json(response);
        Assert.Equal(1, (int)body["count"]!);
        Assert.Null(body["next"]);
        Assert.Null(body["previous"]);
        var item = body["results"]![0]!;
        Assert.Equal("Approved soon", (string)item["title"]!);
        Assert.Equal(city, (string)item["city"]!);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", (string)item["event_date"]!);
        Assert.Equal("music", (string)item["category"]!["slug"]!);
        Assert.NotNull(item["category"]!["id"]);
        Assert.Equal("Music", (string)item["category"]!["name"]!);
        Assert.NotNull(item["image_url"]);
        Assert.NotNull(item["description"]);
        Assert.Null(item["status"]);
    }

    [SkippableFact]
    public async Task City_filter_is_case_insensitive_and_exact()
    {
        var city = Unique("Pune");
        var client = Client();
        await WithDb(async db =>
        {
            var vendor = await Seed.UserAsync(db);
            await Seed.EventAsync(db, vendor, city, Days(2));
            await Seed.EventAsync(db, vendor, city + "extra", Days(2));
        });

        var upper = await Json(await client.GetAsync($"/api/events/?city={city.ToUpperInvariant()}"));
        var prefix = await Json(await client.GetAsync($"/api/events/?city={city[..5]}"));

        Assert.Equal(1, (int)upper["count"]!);
        Assert.Equal(0, (int)prefix["count"]!);
    }

    [SkippableFact]
    public async Task City_filter_folds_non_ascii_letters_the_same_on_every_database()
    {
        var city = "Évora" + Unique("x");
        var client = Client();
        await WithDb(async db => await Seed.EventAsync(db, await Seed.UserAsync(db), city, Days(2)));

        var body = await Json(await client.GetAsync($"/api/events/?city={Uri.EscapeDataString(city.ToUpperInvariant())}"));

        Assert.Equal(1, (int)body["count"]!);
    }

    [SkippableFact]
    public async Task Category_filter_accepts_slug_or_name_in_any_case()
    {
        var city = Unique("Goa");
        var client = Client();
        await WithDb(async db =>
        {
            var vendor = await Seed.UserAsync(db);
            await Seed.EventAsync(db, vendor, city, Days(2), category: "dance");
            await Seed.EventAsync(db, vendor, city, Days(2), category: "music");
        });

        foreach (var category in new[] { "dance", "DANCE", "Dance" })
        {
            var body = await Json(await client.GetAsync($"/api/events/?city={city}&category={category}"));
            Assert.Equal(1, (int)body["count"]!);
            Assert.Equal("dance", (string)body["results"]![0]!["category"]!["slug"]!);
        }
        var unknown = await client.GetAsync($"/api/events/?city={city}&category=nope");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(0, (int)(await Json(unknown))["count"]!);
    }

    [SkippableFact]
    public async Task Search_requires_every_word_in_title_or_description()
    {
        var city = Unique("Agra");
        var client = Client();
        await WithDb(async db =>
        {
            var vendor = await Seed.UserAsync(db);
            await Seed.EventAsync(db, vendor, city, Days(2), title: "Sitar Night", description: "Classical ragas under the stars");
            await Seed.EventAsync(db, vendor, city, Days(2), title: "Jazz Night", description: "Saxophone quartet");
        });

        Assert.Equal(2, (int)(await Json(await client.GetAsync($"/api/events/?city={city}&search=night")))["count"]!);
        Assert.Equal(1, (int)(await Json(await client.GetAsync($"/api/events/?city={city}&search=NIGHT+ragas")))["count"]!);
        Assert.Equal(0, (int)(await Json(await client.GetAsync($"/api/events/?city={city}&search=night+tabla")))["count"]!);
        Assert.Equal(0, (int)(await Json(await client.GetAsync($"/api/events/?city={city}&search=%25")))["count"]!);
    }

    [SkippableFact]
    public async Task Date_from_replaces_the_upcoming_bound_and_date_to_includes_its_whole_day()
    {
        var city = Unique("Kochi");
        var client = Client();
        var past = Days(-10);
        var later = Days(10);
        await WithDb(async db =>
        {
            var vendor = await Seed.UserAsync(db);
            await Seed.EventAsync(db, vendor, city, past, title: "past");
            await Seed.EventAsync(db, vendor, city, later, title: "later");
        });

        var fromPast = await Json(await client.GetAsync($"/api/events/?city={city}&date_from={IndiaDay(past.AddDays(-1))}"));
        Assert.Equal(2, (int)fromPast["count"]!);
        var untilLaterDay = await Json(await client.GetAsync($"/api/events/?city={city}&date_from={IndiaDay(past)}&date_to={IndiaDay(later)}"));
        Assert.Equal(2, (int)untilLaterDay["count"]!);
        var beforeLater = await Json(await client.GetAsync($"/api/events/?city={city}&date_to={Uri.EscapeDataString(later.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ss+05:30"))}"));
        Assert.Equal(0, (int)beforeLater["count"]!);
        var bad = await client.GetAsync($"/api/events/?date_from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull((await Json(bad))["details"]!["date_from"]);
    }

    [SkippableFact]
    public async Task Ordering_is_by_date_then_id_in_either_direction()
    {
        var city = Unique("Pune");
        var client = Client();
        var date = Days(3);
        var ids = await WithDb(async db =>
        {
            var vendor = await Seed.UserAsync(db);
            var a = await Seed.EventAsync(db, vendor, city, date);
            var b = await Seed.EventAsync(db, vendor, city, date);
            var c = await Seed.EventAsync(db, vendor, city, Days(1));
            return new[] { c.Id, a.Id, b.Id };
        });

        var asc = (await Json(await client.GetAsync($"/api/events/?city={city}")))["results"]!.AsArray().Select(n => (int)n!["id"]!);
        var desc = (await Json(await client.GetAsync($"/api/events/?city={city}&ordering=-event_date")))["results"]!.AsArray().Select(n => (int)n!["id"]!);
        var bogus = (await Json(await client.GetAsync($"/api/events/?city={city}&ordering=title;drop")))["results"]!.AsArray().Select(n => (int)n!["id"]!);

        Assert.Equal(ids, asc);
        Assert.Equal(ids.Reverse(), desc);
        Assert.Equal(ids, bogus);
    }

    [SkippableFact]
    public async Task Pagination_links_are_absolute_and_keep_other_parameters()
    {
        var city = Unique("Delhi");
        var client = Client();
        await WithDb(async db =>
        {
            var vendor = await Seed.UserAsync(db);
            for (var i = 0; i < 5; i++)
            {
                await Seed.EventAsync(db, vendor, city, Days(i + 1));
            }
        });

        var first = await Json(await client.GetAsync($"/api/events/?city={city}&page_size=2&unknown=1"));
        Assert.Equal(5, (int)first["count"]!);
        Assert.Equal(2, first["results"]!.AsArray().Count);
        var next = (string)first["next"]!;
        Assert.StartsWith("http://localhost/api/events/?", next);
        Assert.Contains($"city={city}", next);
        Assert.Contains("page_size=2", next);
        Assert.Contains("page=2", next);

        var second = await Json(await client.GetAsync(new Uri(next).PathAndQuery));
        Assert.DoesNotContain("page=", (string)second["previous"]!);
        var third = await Json(await client.GetAsync($"/api/events/?city={city}&page_size=2&page=3"));
        Assert.Single(third["results"]!.AsArray());
        Assert.Null(third["next"]);
        Assert.Contains("page=2", (string)third["previous"]!);
    }

    [SkippableTheory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("99")]
    [InlineData("99999999999999999999")]
    public async Task Invalid_pages_are_404_invalid_page(string page)
    {
        var client = Client();

        var response = await client.GetAsync($"/api/events/?city={Unique()}&page={page}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await Json(response);
        Assert.Equal("Invalid page.", (string)body["detail"]!);
        Assert.Equal("Invalid page.", (string)body["error"]!);
    }

    [SkippableFact]
    public async Task Page_one_of_an_empty_result_is_200_and_page_size_is_capped_at_100()
    {
        var client = Client();

        var empty = await client.GetAsync($"/api/events/?city={Unique()}&page=1&page_size=1000");

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal(0, (int)(await Json(empty))["count"]!);
    }

    [SkippableFact]
    public async Task Detail_shows_approved_events_and_hides_the_rest()
    {
        var client = Client();
        var (approved, pending) = await WithDb(async db =>
        {
            var vendor = await Seed.UserAsync(db);
            return ((await Seed.EventAsync(db, vendor, "Jaipur", Days(3))).Id,
                (await Seed.EventAsync(db, vendor, "Jaipur", Days(3), EventStatus.Pending)).Id);
        });

        var ok = await client.GetAsync($"/api/events/{approved}/");
        var hidden = await client.GetAsync($"/api/events/{pending}/");
        var missing = await client.GetAsync("/api/events/999999999/");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(approved, (int)(await Json(ok))["id"]!);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task Cities_and_categories_lists_are_ordered_by_name()
    {
        var client = Client();
        var suffix = Unique("");
        await WithDb(async db =>
        {
            var vendor = await Seed.UserAsync(db);
            await Seed.EventAsync(db, vendor, "Zcity" + suffix, Days(3));
            await Seed.EventAsync(db, vendor, "Acity" + suffix, Days(3));
            await Seed.EventAsync(db, vendor, "ACITY" + suffix, Days(4));
            await Seed.EventAsync(db, vendor, "Hidden" + suffix, Days(3), EventStatus.Pending);
        });

        var cities = (await Json(await client.GetAsync("/api/cities/"))).AsArray();
        var mine = cities.Where(c => ((string)c!["name"]!).EndsWith(suffix)).ToList();
        Assert.Equal(2, mine.Count);
        Assert.Equal(2, (int)mine[0]!["event_count"]!);
        Assert.StartsWith("Zcity", (string)mine[1]!["name"]!);
        var names = cities.Select(c => (string)c!["name"]!).ToList();
        Assert.Equal(names.Order(StringComparer.OrdinalIgnoreCase), names);

        var plain = (await Json(await client.GetAsync("/api/events/cities/"))).AsArray().Select(n => (string)n!).ToList();
        Assert.Equal(names, plain);

        var categories = (await Json(await client.GetAsync("/api/categories/"))).AsArray();
        var categoryNames = categories.Select(c => (string)c!["name"]!).ToList();
        Assert.Equal(categoryNames.Order(StringComparer.OrdinalIgnoreCase), categoryNames);
        Assert.All(categories, c => Assert.NotNull(c!["slug"]));
        var plainCategories = (await Json(await client.GetAsync("/api/events/categories/"))).AsArray().Select(n => (string)n!).ToList();
        Assert.Equal(categoryNames, plainCategories);
    }
}
