using System.Net;
using System.Text.Json.Nodes;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CulturaLite.Api.Tests.Accounts;

/// <summary>API.md "Account lifecycle", sessions: the caller's login chains with device and network, ending one, ending all others.</summary>
public abstract class SessionsTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : SessionsTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : SessionsTests(f), IClassFixture<PostgresApiFactory>;

    private async Task<JsonNode> LoginFromAsync(string peer, string agent, string email, string password)
    {
        var client = ClientFrom(peer);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login/") { Content = Body(new { email, password }) };
        request.Headers.UserAgent.ParseAdd(agent);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json(response);
    }

    private async Task<JsonArray> ListAsync(JsonNode login) =>
        (await Json(await Client((string)login["access"]!).GetAsync("/api/auth/sessions/"))).AsArray();

    private Task<HttpResponseMessage> RefreshAsync(JsonNode login) => Client().PostAsync("/api/auth/refresh/", Body(new { refresh = (string)login["refresh"]! }));

    [SkippableFact]
    public async Task Each_login_is_a_session_with_its_device_and_network_and_the_callers_own_is_current()
    {
        var (email, password, _) = await RegisterAndLoginAsync();
        var phone = await LoginFromAsync("203.0.113.45", "Mozilla/5.0 (Linux; Android 14) Chrome/131", email, password);
        var laptop = await LoginFromAsync("2001:db8:1:2:3:4:5:6", "Mozilla/5.0 (X11; Linux) Firefox/133", email, password);

        var sessions = await ListAsync(phone);
        Assert.Equal(3, sessions.Count);
        var mine = Assert.Single(sessions, s => (bool)s!["current"]!)!;
        Assert.Equal("203.0.113.0/24", (string)mine["ip_network"]!);
        Assert.Equal("Mozilla/5.0 (Linux; Android 14) Chrome/131", (string)mine["user_agent"]!);
        Assert.NotNull((string?)mine["created_at"]);
        Assert.NotNull((string?)mine["last_used_at"]);
        var other = Assert.Single(sessions, s => (string?)s!["ip_network"] == "2001:db8:1:2::/64")!;
        Assert.False((bool)other["current"]!);

        // A refresh keeps the session and moves its last use.
        var rotated = await Json(await RefreshAsync(laptop));
        var after = await ListAsync(phone);
        Assert.Equal(3, after.Count);
        Assert.Equal((string)other["id"]!, (string)after[0]!["id"]!);
        Assert.Contains(after, s => (string)s!["id"]! == (string)other["id"]! && (string)s["last_used_at"]! != (string)other["last_used_at"]!);
        Assert.NotNull(rotated["access"]);
    }

    [SkippableFact]
    public async Task Ending_a_session_stops_its_refresh_tokens_at_once_and_only_the_owner_can()
    {
        var (email, password, _) = await RegisterAndLoginAsync();
        var a = await LoginFromAsync("198.51.100.7", "A", email, password);
        var b = await LoginFromAsync("198.51.100.8", "B", email, password);
        var bId = (string)(await ListAsync(b)).Single(s => (bool)s!["current"]!)!["id"]!;
        var (otherEmail, otherPassword, _) = await RegisterAndLoginAsync();
        var stranger = await LoginFromAsync("192.0.2.1", "C", otherEmail, otherPassword);

        Assert.Equal(HttpStatusCode.NotFound, (await Client((string)stranger["access"]!).DeleteAsync($"/api/auth/sessions/{bId}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client((string)a["access"]!).DeleteAsync($"/api/auth/sessions/{bId}/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(b)).StatusCode);
        Assert.DoesNotContain(await ListAsync(a), s => (string)s!["id"]! == bId);
        Assert.Equal(HttpStatusCode.NotFound, (await Client((string)a["access"]!).DeleteAsync($"/api/auth/sessions/{bId}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client((string)a["access"]!).DeleteAsync("/api/auth/sessions/not-a-session/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(a)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(stranger)).StatusCode);
    }

    [SkippableFact]
    public async Task Ending_the_others_keeps_only_the_callers_session()
    {
        var (email, password, first) = await RegisterAndLoginAsync();
        var second = await LoginFromAsync("198.51.100.9", "Second", email, password);
        var third = await LoginFromAsync("198.51.100.10", "Third", email, password);

        var ended = await Client((string)second["access"]!).PostAsync("/api/auth/sessions/revoke-others/", null);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(2, (int)(await Json(ended))["revoked"]!);

        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(third)).StatusCode);
        var rotated = await Json(await RefreshAsync(second));
        var left = Assert.Single(await ListAsync(rotated));
        Assert.True((bool)left!["current"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client().GetAsync("/api/auth/sessions/")).StatusCode);
    }

    [SkippableFact]
    public async Task The_retention_job_forgets_where_a_login_was_opened_after_90_days_and_drops_chains_without_tokens()
    {
        _ = Client();
        var user = await WithDb(db => Seed.UserAsync(db));
        var now = DateTime.UtcNow;
        Guid old = Guid.NewGuid(), recent = Guid.NewGuid(), purged = Guid.NewGuid();
        await WithDb(async db =>
        {
            db.LoginSessions.Add(LoginSession.Open(old, user.Id, now.AddDays(-91), "Old phone", System.Net.IPAddress.Parse("203.0.113.9")));
            db.LoginSessions.Add(LoginSession.Open(recent, user.Id, now.AddDays(-89), "New phone", System.Net.IPAddress.Parse("203.0.113.9")));
            db.LoginSessions.Add(LoginSession.Open(purged, user.Id, now.AddDays(-30), "Gone", null));
            // The old chain is still alive: a token rotated a minute ago.
            db.RefreshTokens.Add(RefreshToken.Issue(user.Id, old, Guid.NewGuid().ToString("N"), now.AddMinutes(-1), now.AddDays(7)));
            db.RefreshTokens.Add(RefreshToken.Issue(user.Id, recent, Guid.NewGuid().ToString("N"), now.AddMinutes(-1), now.AddDays(7)));
            await db.SaveChangesAsync();
        });

        await RetentionJob.RunAsync(Factory.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, new RetentionOptions(), CancellationToken.None);

        var left = await WithDb(db => db.LoginSessions.AsNoTracking().Where(s => s.UserId == user.Id).ToDictionaryAsync(s => s.Id));
        Assert.Equal(new[] { old, recent }.Order(), left.Keys.Order());
        Assert.Null(left[old].UserAgent);
        Assert.Null(left[old].IpNetwork);
        Assert.Equal("New phone", left[recent].UserAgent);
        Assert.Equal("203.0.113.0/24", left[recent].IpNetwork);
    }
}
