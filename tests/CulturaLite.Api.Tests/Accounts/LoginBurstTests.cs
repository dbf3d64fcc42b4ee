using System.Diagnostics;
using System.Net;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CulturaLite.Api.Tests.Accounts;

/// <summary>
/// 64 logins at once on a server that has just started get no 5xx: hashing is queued to the cores
/// instead of starving the thread pool (and with it the database connections).
/// </summary>
[Collection(SerialCollection.Name)]
public abstract class LoginBurstTests(ApiFactory factory) : ApiTest(factory)
{
    [Trait("Category", "Slow")]
    public sealed class Sqlite(SqliteApiFactory f) : LoginBurstTests(f), IClassFixture<SqliteApiFactory>;

    [Trait("Category", "Slow")]
    public sealed class Postgres(PostgresApiFactory f) : LoginBurstTests(f), IClassFixture<PostgresApiFactory>;

    [SkippableFact]
    public async Task Sixty_four_concurrent_logins_on_a_fresh_server_all_succeed()
    {
        var (email, password, _) = await RegisterAndLoginAsync();

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watch = Stopwatch.StartNew();
        var logins = Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            return (await Factory.Client().PostAsync("/api/auth/login/", Body(new { email, password }))).StatusCode;
        })).ToList();
        gate.SetResult();
        var statuses = await Task.WhenAll(logins);

        Console.WriteLine($"login burst on {Database}: 64 concurrent logins in {watch.ElapsedMilliseconds} ms, {statuses.Count(s => s == HttpStatusCode.OK)} x 200");
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        // The cause of the cold-start 503s was hashing on every thread-pool thread at once: it never exceeds the cores.
        var peak = Factory.Services.GetRequiredService<Passwords>().PeakConcurrent;
        Assert.InRange(peak, 1, Environment.ProcessorCount);
    }
}
