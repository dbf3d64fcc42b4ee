using System.Diagnostics.Metrics;
using CulturaLite.Api.Operations;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Events;

/// <summary>
/// The output cache's policies (<see cref="Api.Events.PublicCache.AddPolicy"/>) seen through HTTP: each page, each
/// origin and each language is its own entry, hits and misses are counted, and with the cache turned off nothing is
/// served from it.
/// </summary>
public sealed class PublicCachePolicyTests(SqliteApiFactory factory) : ApiTest(factory), IClassFixture<SqliteApiFactory>
{
    private async Task<string> CityWithEventsAsync(int count)
    {
        var city = Unique("Policypur");
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
    public async Task Each_page_of_a_cached_list_is_its_own_entry()
    {
        var client = Client();
        var city = await CityWithEventsAsync(2);

        var first = await Json(await client.GetAsync($"/api/events/?city={city}&page_size=1"));
        var second = await client.GetAsync($"/api/events/?city={city}&page_size=1&page=2");

        Assert.Null(second.Headers.Age);
        var secondBody = await Json(second);
        Assert.NotEqual((int)first["results"]![0]!["id"]!, (int)secondBody["results"]![0]!["id"]!);
        Assert.Null(secondBody["next"]);
    }

    [SkippableFact]
    public async Task Each_origin_gets_its_own_entry_and_its_own_cors_answer()
    {
        var client = Client();
        var city = await CityWithEventsAsync(1);

        async Task<HttpResponseMessage> FromAsync(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/api/events/?city={city}");
            request.Headers.Add("Origin", origin);
            return await client.SendAsync(request);
        }

        Assert.Equal("http://localhost:3000", Assert.Single((await FromAsync("http://localhost:3000")).Headers.GetValues("Access-Control-Allow-Origin")));
        var other = await FromAsync("http://127.0.0.1:3000");

        Assert.Null(other.Headers.Age);
        Assert.Equal("http://127.0.0.1:3000", Assert.Single(other.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.NotNull((await FromAsync("http://127.0.0.1:3000")).Headers.Age);
    }

    [SkippableFact]
    public async Task Each_language_chosen_is_its_own_entry()
    {
        var client = Client();
        var city = await CityWithEventsAsync(1);
        await client.GetAsync($"/api/events/?city={city}");

        var hindi = new HttpRequestMessage(HttpMethod.Get, $"/api/events/?city={city}");
        hindi.Headers.Add("Accept-Language", "hi");
        var answer = await client.SendAsync(hindi);

        Assert.Null(answer.Headers.Age);
    }

    [SkippableFact]
    public async Task Hits_and_misses_are_counted()
    {
        long hits = 0, misses = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == AppMetrics.MeterName && instrument.Name.StartsWith("culturalite.public_cache.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument == AppMetrics.CacheHits)
            {
                Interlocked.Add(ref hits, value);
            }
            else if (instrument == AppMetrics.CacheMisses)
            {
                Interlocked.Add(ref misses, value);
            }
        });
        listener.Start();
        var client = Client();
        var city = await CityWithEventsAsync(1);

        Assert.Null((await client.GetAsync($"/api/events/?city={city}")).Headers.Age);
        Assert.NotNull((await client.GetAsync($"/api/events/?city={city}")).Headers.Age);

        Assert.True(Interlocked.Read(ref misses) >= 1, "no miss counted");
        Assert.True(Interlocked.Read(ref hits) >= 1, "no hit counted");
    }
}

public sealed class UncachedSqliteFactory : SqliteApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("PublicCache:Enabled", "false")];
}

/// <summary>`PublicCache:Enabled=false` (what the benchmarks of the uncached list use): no public answer comes from the cache.</summary>
public sealed class PublicCacheDisabledTests(UncachedSqliteFactory factory) : ApiTest(factory), IClassFixture<UncachedSqliteFactory>
{
    [SkippableTheory]
    [InlineData("/api/events/")]
    [InlineData("/api/events/feed.rss")]
    [InlineData("/api/categories/")]
    public async Task Nothing_is_served_from_the_cache(string path)
    {
        var client = Client();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);

        var again = await client.GetAsync(path);

        Assert.Equal(System.Net.HttpStatusCode.OK, again.StatusCode);
        Assert.Null(again.Headers.Age);
    }
}
