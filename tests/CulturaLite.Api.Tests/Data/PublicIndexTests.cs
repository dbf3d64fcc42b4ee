using System.Text.RegularExpressions;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace CulturaLite.Api.Tests.Data;

/// <summary>
/// PostgreSQL only (SQLite has no INCLUDE): each public read's candidates are chosen from one index alone,
/// so every column of events_event that the read's filter and order touch must be in that index. A column
/// added to <see cref="Event.IsPublic"/> without it makes each candidate a heap fetch: `hidden_by_reports`
/// did so unnoticed, and "near me" at 1,000,000 events went from 16 ms p50 to 90-167 ms.
/// </summary>
public sealed partial class PublicIndexTests(PostgresApiFactory factory) : ApiTest(factory), IClassFixture<PostgresApiFactory>
{
    [SkippableTheory]
    [InlineData("", "ix_events_event_public_by_date")]
    [InlineData("city=Pune", "ix_events_event_public_by_city_date")]
    [InlineData("category=music", "ix_events_event_public_by_category_date")]
    [InlineData("near=18.52,73.85&radius_km=10", "ix_events_event_latitude_longitude")]
    public async Task Every_column_a_public_read_filters_or_orders_by_is_in_its_index(string query, string index)
    {
        _ = Client();
        using var scope = Factory.Services.CreateScope();
        var listing = scope.ServiceProvider.GetRequiredService<PublicListing>();
        var (selection, problem) = await listing.SelectAsync(new QueryCollection(ParseQuery(query)), default);
        Assert.Null(problem);
        var sql = PublicListing.Ordered(selection!.Events, selection.Filters).Select(e => e.Id).ToQueryString();
        var alias = EventsAlias().Match(sql).Groups[1].Value;
        var read = new Regex($@"\b{alias}\.([a-z_]+)").Matches(sql).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Contains("status", read);
        Assert.Contains("hidden_by_reports", read);

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var columns = await db.Database.SqlQueryRaw<string>(
            """
            SELECT a.attname AS "Value" FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
            WHERE c.relname = {0}
            """, index).ToListAsync();
        Assert.NotEmpty(columns);
        Assert.Empty(read.Except(columns));
    }

    private static Dictionary<string, StringValues> ParseQuery(string query) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);

    [GeneratedRegex(@"FROM events_event AS (\w+)")]
    private static partial Regex EventsAlias();
}
