using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CulturaLite.Api.Tests.Reliability;

/// <summary>The app on a PostgreSQL cluster of its own, which the outage test stops and starts.</summary>
public sealed class OutageFactory : PostgresApiFactory
{
    private PostgresCluster? _cluster;

    public PostgresCluster Cluster => _cluster!;

    public override string? UnavailableReason => PostgresCluster.Instance.UnavailableReason;

    protected override Task<string> CreateDatabaseAsync()
    {
        if (UnavailableReason is not null)
        {
            return Task.FromResult("Host=unavailable");
        }
        _cluster = PostgresCluster.StartNew();
        return _cluster.CreateDatabaseAsync();
    }
}

/// <summary>
/// PostgreSQL goes away under load and comes back: meanwhile the API answers 503 problem+json
/// quickly (never 500, never hanging), readiness says so, it recovers by itself within seconds, and
/// every submission that was acknowledged with 201 is in the database afterwards.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait("Category", "Slow")]
public sealed class DatabaseOutageTests(OutageFactory factory, ITestOutputHelper output) : ApiTest(factory), IClassFixture<OutageFactory>
{
    private sealed record Outcome(DateTime At, string Kind, int Status, double Seconds, int? CreatedId, string MediaType, string? Title);

    /// <summary>Polls until <paramref name="done"/> holds (no fixed sleeps: the test waits for what it needs to see).</summary>
    private static async Task UntilAsync(Func<Task<bool>> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    [SkippableFact]
    [Trait("Category", "Outage")]
    public async Task Requests_during_an_outage_get_503_and_nothing_acknowledged_is_lost()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var outcomes = new ConcurrentBag<Outcome>();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var client = Factory.Client(vendor.Access);
            client.Timeout = TimeSpan.FromSeconds(30);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var submit = i % 2 == 0;
                var title = submit ? $"Outage {w}-{i}-{Guid.NewGuid():N}"[..40] : null;
                var watch = Stopwatch.StartNew();
                var response = submit
                    ? await client.PostAsync("/api/dashboard/events/", Body(new
                    {
                        title,
                        description = "d",
                        city = "Pune",
                        event_date = DateTime.UtcNow.AddDays(9).ToString("O"),
                        category = "music",
                        image_url = "https://cdn.example.com/o.jpg",
                    }))
                    : await client.GetAsync($"/api/events/?nonce={w}-{i}");
                int? id = null;
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    id = (int)(await Json(response))["id"]!;
                }
                outcomes.Add(new Outcome(DateTime.UtcNow, submit ? "submit" : "list", (int)response.StatusCode, watch.Elapsed.TotalSeconds, id,
                    response.Content.Headers.ContentType?.MediaType ?? "", title));
                await Task.Delay(20);
            }
        })).ToList();

        await UntilAsync(() => Task.FromResult(outcomes.Count(o => o.Status == 201) >= 20), TimeSpan.FromSeconds(30), "20 submissions before the outage");
        var stoppedAt = DateTime.UtcNow;
        factory.Cluster.StopServer();
        HttpResponseMessage ready = null!;
        await UntilAsync(async () =>
        {
            ready = await Factory.Client().GetAsync("/api/health/ready/");
            // Counted past the first 300 ms, the window the assertions below look at.
            return ready.StatusCode == HttpStatusCode.ServiceUnavailable && outcomes.Count(o => o.At > stoppedAt.AddMilliseconds(300) && o.Status == 503) >= 20;
        }, TimeSpan.FromSeconds(30), "readiness 503 and 20 answers 503 while down");
        Assert.Equal("application/problem+json", ready.Content.Headers.ContentType?.MediaType);
        var restartedAt = DateTime.UtcNow;
        factory.Cluster.StartServer();
        await UntilAsync(() => Task.FromResult(outcomes.Count(o => o.At > restartedAt && o.Status == 201) >= 20), TimeSpan.FromSeconds(30), "20 submissions after the restart");
        stop.Cancel();
        await Task.WhenAll(workers);

        var all = outcomes.OrderBy(o => o.At).ToList();
        Assert.DoesNotContain(all, o => o.Status >= 500 && o.Status != 503);
        Assert.All(all.Where(o => o.Status == 503), o => Assert.Equal("application/problem+json", o.MediaType));
        var during = all.Where(o => o.At > stoppedAt.AddMilliseconds(300) && o.At < restartedAt).ToList();
        Assert.NotEmpty(during);
        Assert.Contains(during, o => o.Status == 503);
        Assert.True(all.Max(o => o.Seconds) < 10, $"slowest request took {all.Max(o => o.Seconds):F1} s");
        var recovered = all.FirstOrDefault(o => o.At > restartedAt && o.Kind == "submit" && o.Status == 201);
        Assert.NotNull(recovered);
        var recovery = (recovered.At - restartedAt).TotalSeconds;
        Assert.True(recovery < 10, $"recovery took {recovery:F1} s");
        Assert.All(all.Where(o => o.At > recovered.At), o => Assert.True(o.Status is 200 or 201, $"after recovery: {o.Status}"));

        var acknowledged = all.Where(o => o.CreatedId is not null).Select(o => o.CreatedId!.Value).ToList();
        var stored = await WithDb(db => db.Events.Where(e => acknowledged.Contains(e.Id)).Select(e => e.Id).ToListAsync());
        var lost = acknowledged.Except(stored).Count();
        Assert.Equal(0, lost);
        // And the other way round: a submission that was not acknowledged left no row behind.
        var refused = all.Where(o => o.Kind == "submit" && o.CreatedId is null).Select(o => o.Title!).ToList();
        var phantom = await WithDb(db => db.Events.CountAsync(e => refused.Contains(e.Title)));
        Assert.True(refused.Count > 0);
        Assert.Equal(0, phantom);
        var report = $"outage: {all.Count} requests, {during.Count} while down ({during.Count(o => o.Status == 503)} x 503, slowest " +
                     $"{all.Max(o => o.Seconds):F2} s), recovered {recovery:F2} s after restart, {acknowledged.Count} submissions acknowledged, {lost} lost, {refused.Count} refused, {phantom} of those stored";
        output.WriteLine(report);
        Console.WriteLine(report);
    }
}
