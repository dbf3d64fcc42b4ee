using System.Text.Json;
using CulturaLite.Api.Events;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace CulturaLite.Api.Tests.Events;

/// <summary>
/// A plain public page (city, dates, category, either order) is read by a compiled query; every other
/// filter by the general LINQ query. Both must give the same page for the same filter.
/// </summary>
public abstract class PublicListingTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : PublicListingTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : PublicListingTests(f), IClassFixture<PostgresApiFactory>;

    [SkippableFact]
    public async Task A_plain_page_from_the_compiled_query_is_the_page_the_general_query_reads()
    {
        // Eight events about eleven years ahead, in a city of their own, two categories, two on one day.
        var city = Unique("Zq");
        var published = new List<int>();
        foreach (var (days, category) in new[] { (4001, "music"), (4002, "dance"), (4002, "music"), (4003, "music"), (4005, "dance"), (4006, "music"), (4008, "dance"), (4009, "music") })
        {
            published.Add((int)(await PublishAsync(EventBody(Unique("Show"), city, category: category, inDays: days)))["id"]!);
        }
        var from = DateTime.UtcNow.AddDays(4000).ToString("yyyy-MM-dd");
        var to = DateTime.UtcNow.AddDays(4007).ToString("yyyy-MM-dd");
        var queries = new[]
        {
            $"city={city}",
            $"city={city.ToUpperInvariant()}&ordering=-event_date",
            $"city={city}&category=music",
            $"city={city}&category=Dance&date_to={to}",
            $"date_from={from}",
            $"date_from={from}&date_to={to}&ordering=-event_date",
            $"date_from={from}&category=music",
        };
        var compared = 0;
        foreach (var query in queries)
        {
            foreach (var (offset, limit) in new[] { (0, 3), (3, 3), (6, 3), (0, 100) })
            {
                using var scope = Factory.Services.CreateScope();
                var listing = scope.ServiceProvider.GetRequiredService<PublicListing>();
                var selection = (await listing.SelectAsync(new QueryCollection(QueryHelpers.ParseQuery(query)), CancellationToken.None)).Value;
                Assert.NotNull(selection!.Plain);
                var compiled = await listing.PageAsync(selection, offset, limit, CancellationToken.None);
                var general = await listing.ReadAsync(selection, offset, limit, EventResponse.Projection, CancellationToken.None);
                Assert.Equal(JsonSerializer.Serialize(general), JsonSerializer.Serialize(compiled));
                Assert.All(compiled, e => Assert.Contains(e.Id, published));
                compared += compiled.Count;
            }
        }
        Assert.True(compared > 40, $"{compared} items compared");
    }

    [SkippableFact]
    public async Task A_search_or_a_circle_is_not_read_by_the_compiled_query()
    {
        Client();
        foreach (var query in new[] { "search=kathak", "near=18.52,73.85", "search=%21%21", "category=no-such-category" })
        {
            using var scope = Factory.Services.CreateScope();
            var listing = scope.ServiceProvider.GetRequiredService<PublicListing>();
            var selection = (await listing.SelectAsync(new QueryCollection(QueryHelpers.ParseQuery(query)), CancellationToken.None)).Value;
            Assert.Null(selection!.Plain);
        }
    }

    /// <summary>
    /// Two requests for each declared filter, differing only in it: (query A, query B, the ids A lists, the ids B lists)
    /// over events made here. A filter added to <see cref="EventFilter.All"/> without an entry fails the walk.
    /// </summary>
    private async Task<Dictionary<string, (string A, string B, int[] ListsA, int[] ListsB)>> ExamplesAsync()
    {
        var (c1, c2) = (Unique("Fa"), Unique("Fb"));
        var (w1, w2) = (Unique("wa"), Unique("wb"));
        var (p1, p2) = ((Lat: 23.4561, Lon: 71.2345), (Lat: 24.4561, Lon: 71.2345));
        async Task<int> Make(string title, string city, string category, int days, (double Lat, double Lon)? at = null, object? facts = null)
        {
            var body = (System.Text.Json.Nodes.JsonObject)EventBody(title, city, category: category, inDays: days,
                extra: at is { } p ? new { latitude = p.Lat, longitude = p.Lon } : null);
            foreach (var (key, value) in JsonSerializer.SerializeToNode(facts ?? new { }, JsonOptions)!.AsObject())
            {
                body[key] = value?.DeepClone();
            }
            return (int)(await PublishAsync(body))["id"]!;
        }
        var e1 = await Make($"{w1} evening", c1, "music", 3001, p1, new
        {
            is_free = true,
            age_min = 5,
            age_max = 12,
            accessibility = new[] { "wheelchair", "step_free" },
            performance_languages = new[] { "hi" }
        });
        var e2 = await Make($"{w2} evening", c1, "dance", 3003, p2, new
        {
            is_free = false,
            price_min = 200,
            age_min = 18,
            accessibility = new[] { "wheelchair" },
            attendance_mode = "online",
            online_url = "https://stream.example.com/e2",
            performance_languages = new[] { "ta" }
        });
        var e3 = await Make("Plain evening", c1, "music", 3005);
        var e4 = await Make("Other city", c2, "dance", 3002);
        // Cancelled: out of every list above (the default), listed only when asked for.
        var e5 = await Make("Cancelled evening", c1, "music", 3006);
        var (vendor, _) = await SessionsAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await vendor.Client.PostAsync($"/api/dashboard/events/{e5}/cancel/", Body(new { }))).StatusCode);
        var organizer = (string)(await Json(await vendor.Client.GetAsync("/api/auth/me/")))["profile"]!["slug"]!;
        // A series of two dates, in a city of its own.
        var c3 = Unique("Fs");
        var s1 = await Make("Series evening", c3, "music", 3010, facts: new { recurrence = new { rule = "FREQ=DAILY;COUNT=2" } });
        var s2 = await WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Events.Where(x => x.SeriesId == s1 && x.Id != s1).Select(x => x.Id)));
        // A festival holding e1 and e2 (c1's events from day 3001 to 3004).
        var (vendorSession, adminSession) = await SessionsAsync();
        var festival = await Json(await vendorSession.Client.PostAsync("/api/dashboard/festivals/", Body(new
        {
            title = "Example festival",
            description = "Days of music.",
            city = c1,
            start_date = Day(3000),
            end_date = Day(3003),
            image_url = "https://cdn.example.com/f.jpg",
        })));
        var festivalId = (int)festival["id"]!;
        Assert.Equal(System.Net.HttpStatusCode.OK,
            (await adminSession.Client.PostAsync($"/api/admin/festivals/{festivalId}/approve/", Body(new { version = (int)festival["version"]! }))).StatusCode);
        foreach (var id in new[] { e1, e2 })
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await vendorSession.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { festival = festivalId }))).StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await DecideAsync(adminSession.Client, id, "approve")).StatusCode);
        }
        // The day in India time, as a bare date filter reads it (a UTC date was a day off from 18:30 to 24:00 UTC).
        string Day(int days) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow.AddDays(days), TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"))
            .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        string Near((double Lat, double Lon) p) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{p.Lat},{p.Lon}");
        return new()
        {
            ["city"] = ($"city={c1}", $"city={c2}", [e1, e2, e3], [e4]),
            ["category"] = ($"city={c1}&category=music", $"city={c1}&category=Dance", [e1, e3], [e2]),
            ["search"] = ($"city={c1}&search={w1}", $"city={c1}&search={w2}", [e1], [e2]),
            ["date_from"] = ($"city={c1}&date_from={Day(3002)}", $"city={c1}&date_from={Day(3004)}", [e2, e3], [e3]),
            ["date_to"] = ($"city={c1}&date_to={Day(3002)}", $"city={c1}&date_to={Day(3004)}", [e1], [e1, e2]),
            ["near"] = ($"near={Near(p1)}&radius_km=5", $"near={Near(p2)}&radius_km=5", [e1], [e2]),
            ["is_free"] = ($"city={c1}&is_free=true", $"city={c1}&is_free=false", [e1], [e2]),
            ["price_max"] = ($"city={c1}&price_max=100", $"city={c1}&price_max=300", [e1], [e1, e2]),
            ["attendance_mode"] = ($"city={c1}&attendance_mode=offline", $"city={c1}&attendance_mode=online", [e1, e3], [e2]),
            ["age"] = ($"city={c1}&age=8", $"city={c1}&age=30", [e1, e3], [e2, e3]),
            ["accessibility"] = ($"city={c1}&accessibility=wheelchair", $"city={c1}&accessibility=wheelchair,step_free", [e1, e2], [e1]),
            ["performance_language"] = ($"city={c1}&performance_language=hi", $"city={c1}&performance_language=ta", [e1], [e2]),
            ["organizer"] = ($"city={c1}&organizer={organizer}", $"city={c1}&organizer=no-such-organizer", [e1, e2, e3], []),
            ["festival"] = ($"city={c1}&festival={festivalId}", $"city={c1}&festival=999999999", [e1, e2], []),
            ["series"] = ($"city={c3}&series={s1}", $"city={c3}&series=999999999", [s1, s2], []),
            ["event_status"] = ($"city={c1}&include_cancelled=false", $"city={c1}&include_cancelled=true", [e1, e2, e3], [e1, e2, e3, e5]),
        };
    }

    private async Task<PublicListing.Selection> SelectAsync(IServiceScope scope, string query) =>
        (await scope.ServiceProvider.GetRequiredService<PublicListing>()
            .SelectAsync(new QueryCollection(QueryHelpers.ParseQuery(query)), CancellationToken.None)).Value!;

    [SkippableFact]
    public async Task Every_declared_filter_is_served_alike_by_both_queries_and_keys_its_own_cache_entries()
    {
        var examples = await ExamplesAsync();
        Assert.Equal(EventFilter.All.Where(f => f.IsPublic).Select(f => f.Name).Order(), examples.Keys.Order());
        foreach (var filter in EventFilter.All.Where(f => f.IsPublic))
        {
            var (a, b, listsA, listsB) = examples[filter.Name];
            using var scope = Factory.Services.CreateScope();
            var listing = scope.ServiceProvider.GetRequiredService<PublicListing>();
            var served = 0;
            foreach (var (query, expected) in new[] { (a, listsA), (b, listsB) })
            {
                var selection = await SelectAsync(scope, query);
                Assert.Contains(filter, selection.Filters.Given);
                // A filter the compiled query does not declare it serves goes to the general query; one that declares
                // it serves some values is served for one of its examples.
                Assert.True(filter.ServedByCompiledQuery || selection.Plain is null, $"{query} was read by the compiled query");
                served += selection.Plain is null ? 0 : 1;
                var page = await listing.PageAsync(selection, 0, 100, CancellationToken.None);
                var general = await listing.ReadAsync(selection, 0, 100, EventResponse.Projection, CancellationToken.None);
                Assert.Equal(JsonSerializer.Serialize(general), JsonSerializer.Serialize(page));
                Assert.Equal(expected, page.Select(e => e.Id));
            }
            Assert.True(!filter.ServedByCompiledQuery || served > 0, $"{filter.Name} declares the compiled query serves it, and neither example was");
            Assert.NotEqual((await SelectAsync(scope, a)).CountKey, (await SelectAsync(scope, b)).CountKey);
            foreach (var name in filter.QueryNames)
            {
                Assert.Contains(name, PublicCache.QueryKeys);
                Assert.Contains(name, PublicCache.FilterKeys);
            }
            // Over HTTP, through the output cache: B is not served A's entry, nor A B's.
            var client = Client();
            foreach (var (query, expected) in new[] { (a, listsA), (b, listsB), (a, listsA) })
            {
                var listed = await Json(await client.GetAsync($"/api/events/?{query}"));
                Assert.Equal(expected, listed["results"]!.AsArray().Select(e => (int)e!["id"]!));
                // The feeds show cancelled events (with their status) unless the query leaves them out.
                var inFeed = query.Contains("include_cancelled", StringComparison.Ordinal) ? expected.Length
                    : (int)(await Json(await client.GetAsync($"/api/events/?{query}&include_cancelled=true")))["count"]!;
                var feed = await client.GetStringAsync($"/api/events/feed.rss?{query}");
                Assert.Equal(inFeed, feed.Split("<item>").Length - 1);
            }
        }
    }

    [Fact]
    public void Every_filter_declared_on_EventFilter_is_in_its_list()
    {
        // Wherever a filter is declared (EventFilter, FactFilters, GroupFilters, ...).
        var declared = typeof(EventFilter).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .Where(f => typeof(EventFilter).IsAssignableFrom(f.FieldType)).Select(f => (EventFilter)f.GetValue(null)!);
        Assert.Equal(declared.Select(f => f.Name).Order(), EventFilter.All.Select(f => f.Name).Order());
        Assert.Equal(EventFilter.All.Count, EventFilter.All.Select(f => f.Name).Distinct().Count());
    }

    [SkippableFact]
    public async Task Every_name_of_a_city_shares_one_count_and_a_filter_the_public_list_does_not_read_is_ignored()
    {
        _ = Client();
        using var scope = Factory.Services.CreateScope();
        Assert.Equal((await SelectAsync(scope, "city=Bombay")).CountKey, (await SelectAsync(scope, "city=%20mumbai")).CountKey);
        Assert.NotEqual((await SelectAsync(scope, "city=Bombay")).CountKey, (await SelectAsync(scope, "city=Pune")).CountKey);
        Assert.Equal((await SelectAsync(scope, "category=music")).CountKey, (await SelectAsync(scope, "category=Music")).CountKey);
        var withStatus = await SelectAsync(scope, "status=pending");
        Assert.Empty(withStatus.Filters.Given);
        Assert.DoesNotContain("status", PublicCache.QueryKeys);
        // The dashboard and admin lists read it, and key it.
        var errors = new CulturaLite.Api.Web.FieldErrors();
        var all = EventFilters.Parse(new QueryCollection(QueryHelpers.ParseQuery("status=pending")), errors);
        Assert.Equal([EventFilter.Status], all.Given);
        var dashboardScope = await FilterScope.CreateAsync(all, scope.ServiceProvider.GetRequiredService<CulturaLite.Api.Data.AppDbContext>(),
            await scope.ServiceProvider.GetRequiredService<CityResolver>().GetAsync(CancellationToken.None), null, null, CancellationToken.None);
        Assert.NotEqual(all.Key(dashboardScope),
            EventFilters.Parse(new QueryCollection(QueryHelpers.ParseQuery("status=approved")), errors).Key(dashboardScope));
    }
}
