using System.Data.Common;
using System.Net;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CulturaLite.Api.Tests.Events;

/// <summary>Holds a query that carries a marker word after it has read, until the test lets it go.</summary>
public sealed class QueryGate : DbCommandInterceptor
{
    public string? Marker { get; set; }

    /// <summary>Which commands carrying the marker are held (default: the first one).</summary>
    public Func<DbCommand, bool> Holds { get; private set; } = _ => true;

    /// <summary>Holds the next command that carries <paramref name="marker"/> (and that <paramref name="holds"/> picks), afresh for each test.</summary>
    public void Arm(string marker, Func<DbCommand, bool>? holds = null)
    {
        Entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Holds = holds ?? (_ => true);
        Marker = marker;
    }
    public TaskCompletionSource Entered { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Release { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (Marker is { } marker && Holds(command)
            && command.Parameters.Cast<DbParameter>().Any(p => p.Value?.ToString() is { } s && s.Contains(marker, StringComparison.OrdinalIgnoreCase)))
        {
            Marker = null;
            Entered.TrySetResult();
            await Release.Task;
        }
        return result;
    }
}

public sealed class GatedSqliteFactory : SqliteApiFactory
{
    public QueryGate Gate { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<IInterceptor>(Gate));
    }
}

public sealed class GatedPostgresFactory : PostgresApiFactory
{
    public QueryGate Gate { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<IInterceptor>(Gate));
    }
}

/// <summary>
/// A slow public read that overlaps a decision must not put its old answer back into the cache
/// after the decision evicted it (the stale list an outside review reproduced).
/// </summary>
public abstract class LateWriterTests(ApiFactory factory, QueryGate gate) : ApiTest(factory)
{
    public sealed class Sqlite(GatedSqliteFactory f) : LateWriterTests(f, f.Gate), IClassFixture<GatedSqliteFactory>;

    public sealed class Postgres(GatedPostgresFactory f) : LateWriterTests(f, f.Gate), IClassFixture<GatedPostgresFactory>;

    [SkippableFact]
    public async Task A_read_that_overlaps_a_decision_is_not_cached_after_the_eviction()
    {
        var client = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        var word = Unique("w");
        var submitted = await vendor.Client.PostAsync("/api/dashboard/events/", Body(new
        {
            title = $"Festival {word}",
            description = "d",
            city = "Pune",
            event_date = DateTime.UtcNow.AddDays(9).ToString("O"),
            category = "music",
            image_url = "https://cdn.example.com/w.jpg",
        }));
        var id = (int)(await Json(submitted))["id"]!;
        var version = await VersionAsync(admin.Client, id);

        gate.Arm(word);
        var slow = client.GetAsync($"/api/events/?search={word}");
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // The slow request has read "nothing approved"; the decision lands while it is still running.
        var approve = await admin.Client.PostAsync($"/api/admin/events/{id}/approve/", Body(new { version }));
        gate.Release.TrySetResult();
        var late = await slow;

        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        Assert.Equal(0, (int)(await Json(late))["count"]!);
        var next = await Json(await client.GetAsync($"/api/events/?search={word}"));
        Assert.Equal(1, (int)next["count"]!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/events/{id}/")).StatusCode);
    }

    /// <summary>
    /// The count of a full page is cached too: a count that overlaps a decision must not be kept after the
    /// decision evicted the counts, or every later page says the old total.
    /// </summary>
    [SkippableFact]
    public async Task A_count_that_overlaps_a_decision_is_not_cached_after_the_eviction()
    {
        var client = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        var word = Unique("c");
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var submitted = await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody($"Counted {word}", inDays: 9 + i)));
            ids.Add((int)(await Json(submitted))["id"]!);
        }
        foreach (var id in ids.Take(2))
        {
            Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);
        }
        var version = await VersionAsync(admin.Client, ids[2]);

        // A page of one is full, so its count is computed: hold that query after it has read 2.
        gate.Arm(word, command => command.CommandText.Contains("COUNT(", StringComparison.OrdinalIgnoreCase));
        var slow = client.GetAsync($"/api/events/?search={word}&page_size=1");
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var approve = await admin.Client.PostAsync($"/api/admin/events/{ids[2]}/approve/", Body(new { version }));
        gate.Release.TrySetResult();
        var late = await slow;

        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        Assert.Equal(2, (int)(await Json(late))["count"]!);
        Assert.Equal(3, (int)(await Json(await client.GetAsync($"/api/events/?search={word}&page_size=1&page=2")))["count"]!);
    }
}
