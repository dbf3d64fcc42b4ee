using System.Net;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Accounts;

public sealed class RateLimitedSqliteFactory : SqliteApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("RateLimiting:Enabled", "true")];
}

/// <summary>Budgets are per endpoint and per client; the store behind them does not matter, so SQLite serves.</summary>
public sealed class RateLimitTests(RateLimitedSqliteFactory factory) : ApiTest(factory), IClassFixture<RateLimitedSqliteFactory>
{
    [SkippableFact]
    public async Task The_sixth_login_in_a_minute_is_429_with_retry_after_and_other_endpoints_keep_their_budget()
    {
        var client = Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await client.PostAsync("/api/auth/login/", Body(new { email = "nobody@example.com", password = "Wrong-Pass-1" }))).StatusCode);
        }
        var limited = await client.PostAsync("/api/auth/login/", Body(new { email = "nobody@example.com", password = "Wrong-Pass-1" }));
        var refresh = await client.PostAsync("/api/auth/refresh/", Body(new { refresh = "x.y.z" }));

        Assert.All(statuses.Take(5), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[5]);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.NotNull((await Json(limited))["error"]);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [SkippableFact]
    public async Task The_console_login_form_gets_the_same_budget_and_viewing_it_is_free()
    {
        var client = Client();
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/login")).StatusCode);
        }
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "a@b.c", ["Password"] = "x" });
            statuses.Add((await client.PostAsync("/admin/login", form)).StatusCode);
        }

        Assert.All(statuses.Take(5), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[5]);
    }
}
