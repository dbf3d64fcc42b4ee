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
[Trait("Category", "Slow")]
public sealed partial class PublicIndexTests(PostgresApiFactory factory) : ApiTest(factory), IClassFixture<PostgresApiFactory>
{
    public static TheoryData<string, string, string> Reads => new()
    {
        { "", "ix_events_event_public_by_date", "status,event_date,id" },
        { "city=Pune", "ix_events_event_public_by_city_date", "status,city_key,event_date,id" },
        { "category=music", "ix_events_event_public_by_category_date", "status,category_id,event_date,id" },
        { "near=18.52,73.85&radius_km=10", "ix_events_event_latitude_longitude", "latitude,longitude" },
    };

    [SkippableTheory]
    [MemberData(nameof(Reads))]
    public async Task Every_column_a_public_read_filters_or_orders_by_is_in_its_index(string query, string index, string keys)
    {
        _ = keys;
        _ = Client();
        using var scope = Factory.Services.CreateScope();
        var listing = scope.ServiceProvider.GetRequiredService<PublicListing>();
        var selected = await listing.SelectAsync(new QueryCollection(ParseQuery(query)), default);
        Assert.True(selected.Succeeded);
        var selection = selected.Value;
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

    /// <summary>
    /// The keys come in the order the read needs (equality first, then the order by): the same columns in another
    /// order still "contain" the read but serve it with a sort or a full index scan. And the planner picks that
    /// index for the read (with sequential scans off, as at 1,000,000 rows where they are never cheaper).
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(Reads))]
    public async Task Each_public_read_is_planned_on_its_index_whose_keys_come_in_the_reads_order(string query, string index, string keys)
    {
        _ = Client();
        await EnsureRealisticDataAsync();
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var keyColumns = await db.Database.SqlQueryRaw<string>(
            """
            SELECT a.attname AS "Value" FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE c.relname = {0} AND k.n <= i.indnkeyatts
            ORDER BY k.n
            """, index).ToListAsync();
        Assert.Equal(keys, string.Join(',', keyColumns));

        var listing = scope.ServiceProvider.GetRequiredService<PublicListing>();
        var selection = (await listing.SelectAsync(new QueryCollection(ParseQuery(query)), default)).Value;
        var sql = PublicListing.Ordered(selection!.Events, selection.Filters).Select(e => e.Id).Take(20).ToQueryString();
        await using var connection = new Npgsql.NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        await using (var off = new Npgsql.NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync();
        }
        // ToQueryString declares the parameters as SQL variables first; EXPLAIN the statement with their values inlined.
        var (declarations, statement) = SplitDeclarations(sql);
        await using var explain = new Npgsql.NpgsqlCommand("EXPLAIN " + Inline(statement, declarations), connection);

        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }
        // "Index (Only) Scan using X", or "Bitmap Index Scan on X" for the box of "near me".
        Assert.True(plan.Any(line => line.Contains("Index", StringComparison.Ordinal) && (line.Contains($"using {index} ", StringComparison.Ordinal)
            || line.Contains($"on {index} ", StringComparison.Ordinal))), sql + "\n" + string.Join("\n", plan));
    }

    private static readonly SemaphoreSlim Seeding = new(1, 1);

    /// <summary>
    /// A plan follows the statistics: on an empty table any index will do. 3,000 demo events over 20 cities and
    /// the categories, analysed, make the planner choose as it does on a real database.
    /// </summary>
    private async Task EnsureRealisticDataAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (await WithDb(db => db.Events.CountAsync()) < 3_000)
            {
                await CulturaLite.Api.Commands.SeedDemoCommand.SeedAsync(Factory.Services, 3_000, 20, "http://localhost");
                await WithDb(db => db.Database.ExecuteSqlRawAsync("ANALYZE events_event; ANALYZE users_user;"));
            }
        }
        finally
        {
            Seeding.Release();
        }
    }

    /// <summary>`-- @p='value'` lines, then the statement, as EF Core's ToQueryString writes them for PostgreSQL.</summary>
    private static (Dictionary<string, string> Values, string Statement) SplitDeclarations(string sql)
    {
        var values = new Dictionary<string, string>();
        var lines = sql.Split('\n');
        var body = new List<string>();
        foreach (var line in lines)
        {
            if (Declaration().Match(line) is { Success: true } m)
            {
                values[m.Groups[1].Value] = m.Groups[2].Value;
            }
            else
            {
                body.Add(line);
            }
        }
        return (values, string.Join('\n', body));
    }

    private static string Inline(string statement, Dictionary<string, string> values) =>
        values.OrderByDescending(v => v.Key.Length).Aggregate(statement, (s, v) => s.Replace("@" + v.Key, v.Value, StringComparison.Ordinal));

    [GeneratedRegex(@"^-- @(\w+)=('[^']*'|\S+)")]
    private static partial Regex Declaration();

    private static Dictionary<string, StringValues> ParseQuery(string query) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);

    [GeneratedRegex(@"FROM events_event AS (\w+)")]
    private static partial Regex EventsAlias();
}
