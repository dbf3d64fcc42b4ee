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
                var (selection, problem) = await listing.SelectAsync(new QueryCollection(QueryHelpers.ParseQuery(query)), CancellationToken.None);
                Assert.Null(problem);
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
            var (selection, _) = await listing.SelectAsync(new QueryCollection(QueryHelpers.ParseQuery(query)), CancellationToken.None);
            Assert.Null(selection!.Plain);
        }
    }
}
