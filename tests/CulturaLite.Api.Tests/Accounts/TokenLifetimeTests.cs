using System.Net;
using CulturaLite.Api.Data;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CulturaLite.Api.Tests.Accounts;

/// <summary>The app on a clock the test moves (FakeTimeProvider), starting at the real time.</summary>
public sealed class ClockedSqliteFactory : SqliteApiFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>Refresh tokens live exactly their configured lifetime, and the purge removes them afterwards.</summary>
[Collection(SerialCollection.Name)]
public sealed class TokenLifetimeTests(ClockedSqliteFactory factory) : ApiTest(factory), IClassFixture<ClockedSqliteFactory>
{
    private FakeTimeProvider Clock => ((ClockedSqliteFactory)Factory).Clock;

    [SkippableFact]
    public async Task A_refresh_token_works_until_its_seventh_day_and_is_purged_after_it()
    {
        var client = Client();
        var (_, _, login) = await RegisterAndLoginAsync();
        var userId = (int)login["user"]!["id"]!;

        Clock.Advance(TimeSpan.FromDays(6) + TimeSpan.FromHours(23));
        var stillValid = await client.PostAsync("/api/auth/refresh/", Body(new { refresh = (string)login["refresh"]! }));
        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        var rotated = (string)(await Json(stillValid))["refresh"]!;

        Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var expired = await client.PostAsync("/api/auth/refresh/", Body(new { refresh = rotated }));
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);

        // The hourly purge runs on the same clock (advancing it may already have run it); run it once more to be sure.
        await RetentionJob.RunAsync(Factory.Services.GetRequiredService<IServiceScopeFactory>(), Clock, new RetentionOptions(), CancellationToken.None);
        Assert.Equal(0, await WithDb(db => db.RefreshTokens.CountAsync(t => t.UserId == userId)));
    }
}
