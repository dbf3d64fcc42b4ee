using System.Net;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CulturaLite.Api.Tests.Accounts;

/// <summary>
/// Races between refreshes of one token. Whether a losing request counts as a twin (it arrived
/// before the successor was issued) or as a replay (it arrived after) depends on scheduling, so
/// the HTTP race checks what always holds, and the twin/replay rule is checked directly with
/// chosen arrival times.
/// </summary>
public abstract class RefreshRaceTests(ApiFactory factory) : ApiTest(factory)
{
    [Collection(SerialCollection.Name)]
    public sealed class Sqlite(SqliteApiFactory f) : RefreshRaceTests(f), IClassFixture<SqliteApiFactory>;

    [Collection(SerialCollection.Name)]
    public sealed class Postgres(PostgresApiFactory f) : RefreshRaceTests(f), IClassFixture<PostgresApiFactory>;

    [SkippableFact]
    public async Task Concurrent_refreshes_of_one_token_let_exactly_one_succeed()
    {
        var client = Client();
        var email = $"{Unique("race")}@example.com";
        await client.PostAsync("/api/auth/register/", Body(new { email, password = AuthFlowTests.GoodPassword, password_confirm = AuthFlowTests.GoodPassword, first_name = "Race", last_name = "Tester" }));
        var refresh = (string)(await Json(await AuthFlowTests.LoginAsync(client, new { email, password = AuthFlowTests.GoodPassword })))["refresh"]!;

        // Released together from a gate, each on its own thread, as two browser tabs would be.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            var own = Factory.Client();
            await gate.Task;
            return await own.PostAsync("/api/auth/refresh/", Body(new { refresh }));
        })).ToList();
        gate.SetResult();
        var responses = await Task.WhenAll(requests);

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
    }

    [SkippableFact]
    public async Task A_twin_that_arrived_before_the_successor_loses_but_a_replay_after_it_kills_the_family()
    {
        _ = Client();
        var twinCase = await RotateTwiceAsync(secondArrivesBeforeSuccessor: true);
        var replayCase = await RotateTwiceAsync(secondArrivesBeforeSuccessor: false);

        Assert.Equal(RefreshTokenFamily.Outcome.Invalid, twinCase.Second);
        Assert.Equal(RefreshTokenFamily.Outcome.Rotated, twinCase.SuccessorAfterwards);
        Assert.Equal(RefreshTokenFamily.Outcome.Reused, replayCase.Second);
        Assert.Equal(RefreshTokenFamily.Outcome.Invalid, replayCase.SuccessorAfterwards);
    }

    private async Task<(RefreshTokenFamily.Outcome Second, RefreshTokenFamily.Outcome SuccessorAfterwards)> RotateTwiceAsync(bool secondArrivesBeforeSuccessor)
    {
        using var scope = Factory.Services.CreateScope();
        var family = scope.ServiceProvider.GetRequiredService<RefreshTokenFamily>();
        var db = scope.ServiceProvider.GetRequiredService<CulturaLite.Api.Data.AppDbContext>();
        var user = await Seed.UserAsync(db);
        var first = (await family.StartAsync(user, CancellationToken.None)).Refresh;
        var before = DateTime.UtcNow.AddSeconds(-1);

        var (rotated, successor) = await family.RotateAsync(first, DateTime.UtcNow, CancellationToken.None);
        Assert.Equal(RefreshTokenFamily.Outcome.Rotated, rotated);
        var (second, _) = await family.RotateAsync(first, secondArrivesBeforeSuccessor ? before : DateTime.UtcNow.AddSeconds(1), CancellationToken.None);
        var (afterwards, _) = await family.RotateAsync(successor!.Refresh, DateTime.UtcNow.AddSeconds(1), CancellationToken.None);
        return (second, afterwards);
    }
}
