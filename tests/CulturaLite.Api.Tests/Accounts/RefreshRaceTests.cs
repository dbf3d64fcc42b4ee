using System.Net;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Accounts;

/// <summary>
/// Races between refreshes of one token. Run alone: a token presented before its rotation was
/// committed is a twin, not a theft, so the requests must really be in flight together.
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
        var winner = (string)(await Json(responses.Single(r => r.StatusCode == HttpStatusCode.OK)))["refresh"]!;
        var stillWorks = await client.PostAsync("/api/auth/refresh/", Body(new { refresh = winner }));
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
    }
}
