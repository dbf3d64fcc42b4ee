using System.Net;
using System.Text;
using CulturaLite.Api.Notifications;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CulturaLite.Api.Tests.Web;

public sealed class MetricsSqliteFactory : SqliteApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Metrics:Enabled", "true"), new("Email:MaxAttempts", "0"), new("Health:OutboxMaxAgeMinutes", "1")];
}

/// <summary>Metrics scraped in-process (allowed and refused networks), and readiness naming its checks.</summary>
public sealed class OperationsTests(MetricsSqliteFactory factory) : ApiTest(factory), IClassFixture<MetricsSqliteFactory>
{
    private async Task<(int Status, string Body)> ScrapeAsync(IPAddress from)
    {
        var context = await Factory.Server.SendAsync(http =>
        {
            http.Request.Method = "GET";
            http.Request.Path = "/metrics";
            http.Connection.RemoteIpAddress = from;
        });
        return (context.Response.StatusCode, await new StreamReader(context.Response.Body, Encoding.UTF8).ReadToEndAsync());
    }

    [SkippableFact]
    public async Task Metrics_are_scraped_from_loopback_and_name_the_products_own_measures()
    {
        var client = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        var e = await WithDb(async db => await Seed.EventAsync(db, (await db.Users.FindAsync(vendor.Id))!, "Pune", DateTime.UtcNow.AddDays(4), status: "pending"));
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, e.Id, "approve")).StatusCode);
        await client.GetAsync("/api/events/?city=Pune");
        await client.GetAsync("/api/events/?city=Pune");

        var (status, body) = await ScrapeAsync(IPAddress.Loopback);

        Assert.Equal(200, status);
        foreach (var name in new[]
                 {
                     "culturalite_moderation_decisions", "culturalite_public_cache_hits", "culturalite_public_cache_misses",
                     "culturalite_moderation_queue_length", "culturalite_outbox_pending", "culturalite_outbox_oldest_pending_age",
                     "http_server_request_duration_seconds", "dotnet_gc_collections",
                 })
        {
            Assert.Contains(name, body);
        }
        Assert.Contains("action=\"approve\"", body);
    }

    [SkippableFact]
    public async Task Metrics_from_a_network_that_is_not_allowed_are_404()
    {
        _ = Client();

        var (status, body) = await ScrapeAsync(IPAddress.Parse("10.1.2.3"));

        Assert.Equal(404, status);
        Assert.DoesNotContain("culturalite_", body);
    }

    [SkippableFact]
    public async Task Readiness_names_each_dependency_and_reports_an_old_undelivered_email_as_an_unhealthy_outbox()
    {
        var client = Client();
        var ready = await Json(await client.GetAsync("/api/health/ready/"));
        Assert.Equal("healthy", (string)ready["checks"]!["database"]!);
        Assert.Equal("healthy", (string)ready["checks"]!["outbox"]!);

        await WithDb(async db =>
        {
            db.OutboxEmails.Add(OutboxEmail.Create("stuck@example.com", "s", "b", "example.com", DateTime.UtcNow.AddMinutes(-30)));
            await db.SaveChangesAsync();
        });
        var response = await client.GetAsync("/api/health/ready/");

        // Still 200: API.md's readiness is "the database answers"; the outbox is named with its state.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("degraded", (string)body["status"]!);
        Assert.Equal("unhealthy", (string)body["checks"]!["outbox"]!);
        Assert.Equal("healthy", (string)body["checks"]!["database"]!);
    }
}

public sealed class VerboseLoggedSqliteFactory : SqliteApiFactory
{
    public LogCapture Logs { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Logging:LogLevel:Default", "Debug"), new("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Debug"), new("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Debug")];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddLogging(l => l.AddProvider(Logs)));
    }
}

/// <summary>Nothing secret reaches the log, at the most verbose level, through a whole account session.</summary>
public sealed class LogSecretsTests(VerboseLoggedSqliteFactory factory) : ApiTest(factory), IClassFixture<VerboseLoggedSqliteFactory>
{
    [SkippableFact]
    public async Task Registering_logging_in_refreshing_and_logging_out_log_no_password_or_token()
    {
        var client = Client();
        var (email, password, login) = await RegisterAndLoginAsync();
        var refreshed = await Json(await client.PostAsync("/api/auth/refresh/", Body(new { refresh = (string)login["refresh"]! })));
        await Client((string)refreshed["access"]!).GetAsync("/api/auth/me/");
        await client.PostAsync("/api/auth/logout/", Body(new { refresh = (string)refreshed["refresh"]! }));
        await client.PostAsync("/api/auth/login/", Body(new { email, password = "Wrong-" + password }));

        var logs = ((VerboseLoggedSqliteFactory)Factory).Logs.Lines.ToList();
        Assert.NotEmpty(logs);
        var hash = await WithDb(db => db.Users.Where(u => u.Email == email).Select(u => u.Password).SingleAsync());
        var secrets = new[] { password, hash, (string)login["access"]!, (string)login["refresh"]!, (string)refreshed["access"]!, (string)refreshed["refresh"]! };
        foreach (var secret in secrets)
        {
            // Tokens are long; even a fragment of one (its signature) must not appear.
            var needle = secret.Length > 40 ? secret[^30..] : secret;
            Assert.DoesNotContain(logs, line => line.Contains(needle, StringComparison.Ordinal));
        }
    }
}
