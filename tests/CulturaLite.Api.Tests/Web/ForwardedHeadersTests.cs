using System.Net;
using System.Text;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CulturaLite.Api.Tests.Web;

public sealed class ForwardedSqliteFactory : SqliteApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("RateLimiting:Enabled", "true"), new("Metrics:Enabled", "true")];
}

/// <summary>
/// `X-Forwarded-For` is believed only from a named proxy: with none named, a client that rotates it
/// keeps one budget, one metrics verdict and one reporter identity (every consumer of the client address).
/// </summary>
public sealed class ForwardedHeadersTests(ForwardedSqliteFactory factory) : ApiTest(factory), IClassFixture<ForwardedSqliteFactory>
{
    private const string Attacker = "203.0.113.5";

    private static HttpRequestMessage Post(string path, HttpContent content, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return request;
    }

    /// <summary>Sends <paramref name="count"/> posts from one peer, each claiming another forwarded address.</summary>
    private static async Task<List<HttpStatusCode>> RotateAsync(HttpClient client, string path, int count, Func<HttpContent> body)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            statuses.Add((await client.SendAsync(Post(path, body(), $"198.51.{i}.{i + 1}"))).StatusCode);
        }
        return statuses;
    }

    [SkippableTheory]
    [InlineData("/api/auth/login/", 5)]
    [InlineData("/api/auth/register/", 3)]
    [InlineData("/api/auth/refresh/", 10)]
    [InlineData("/api/auth/logout/", 10)]
    public async Task Rotating_X_Forwarded_For_does_not_buy_a_fresh_account_budget(string path, int limit)
    {
        var client = ClientFrom($"203.0.113.{limit + path.Length % 50}");

        var statuses = await RotateAsync(client, path, limit + 1,
            () => ApiTest.Body(new { email = "nobody@example.com", password = "Wrong-Pass-1", refresh = "x.y.z" }));

        Assert.All(statuses.Take(limit), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[limit]);
    }

    [SkippableFact]
    public async Task Rotating_X_Forwarded_For_does_not_buy_a_fresh_console_login_budget()
    {
        var client = ClientFrom("203.0.113.77");

        var statuses = await RotateAsync(client, "/admin/login", 6,
            () => new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "a@b.c", ["Password"] = "x" }));

        Assert.All(statuses.Take(5), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[5]);
    }

    [SkippableFact]
    public async Task A_remote_client_claiming_loopback_in_X_Forwarded_For_is_refused_metrics()
    {
        var client = ClientFrom(Attacker);
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Forwarded-For", "127.0.0.1");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("culturalite_", await response.Content.ReadAsStringAsync());
    }

    [SkippableTheory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "127.0.0.1")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "127.0.0.0/8")]
    public async Task Behind_a_named_proxy_the_forwarded_address_is_the_client(string setting, string value)
    {
        _ = Client();
        await using var proxied = Factory.WithWebHostBuilder(b => b.UseSetting(setting, value));
        var client = proxied.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(PeerAddress.Header, "127.0.0.1");

        // Metrics: the proxy is on loopback, its client is not.
        var metrics = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        metrics.Headers.Add("X-Forwarded-For", "10.1.2.3");
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(metrics)).StatusCode);
        var local = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        local.Headers.Add("X-Forwarded-For", "127.0.0.1");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(local)).StatusCode);

        // Logins: each forwarded client has a budget of its own.
        var statuses = await RotateAsync(client, "/api/auth/login/", 7,
            () => new StringContent("{\"email\":\"nobody@example.com\",\"password\":\"Wrong-Pass-1\"}", Encoding.UTF8, "application/json"));
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
    }
}
