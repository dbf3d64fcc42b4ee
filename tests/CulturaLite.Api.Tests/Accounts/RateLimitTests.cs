using System.Net;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CulturaLite.Api.Tests.Accounts;

public sealed class RateLimitedSqliteFactory : SqliteApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("RateLimiting:Enabled", "true"), new("RateLimiting:SubmissionsPerHour", "3")];
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
    public async Task A_flood_of_alert_subscriptions_from_one_address_is_429_after_ten_a_minute()
    {
        var client = Factory.ClientFrom("198.51.100.210");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            statuses.Add((await client.PostAsync("/api/subscriptions/", Body(new { email = $"flood{i}@example.com", frequency = "weekly" }))).StatusCode);
        }
        var push = await client.PostAsync("/api/push/subscriptions/", Body(new { endpoint = "https://fcm.googleapis.com/x" }));
        var other = await Factory.ClientFrom("198.51.100.211").PostAsync("/api/subscriptions/", Body(new { email = "calm@example.com", frequency = "weekly" }));

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.Accepted, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
        Assert.Equal(HttpStatusCode.TooManyRequests, push.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
    }

    [SkippableFact]
    public async Task Retry_after_says_when_the_window_frees_not_always_a_minute()
    {
        var client = Factory.ClientFrom("198.51.100.200");
        var first = DateTime.UtcNow;
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsync("/api/auth/login/", Body(new { email = "nobody@example.com", password = "Wrong-Pass-1" }));
        }
        await Task.Delay(TimeSpan.FromSeconds(4));

        var limited = await client.PostAsync("/api/auth/login/", Body(new { email = "nobody@example.com", password = "Wrong-Pass-1" }));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retry = int.Parse(limited.Headers.GetValues("Retry-After").Single());
        var elapsed = (DateTime.UtcNow - first).TotalSeconds;
        Assert.InRange(retry, 1, (int)Math.Ceiling(60 - elapsed) + 1);
    }

    [SkippableFact]
    public async Task The_portal_forms_spend_the_apis_budgets_login_per_address_and_submissions_per_vendor_with_the_api()
    {
        var browser = ConsoleSession.Browser(Factory);
        browser.Client.DefaultRequestHeaders.Add(PeerAddress.Header, "198.51.100.77");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await browser.PostFormAsync("/vendor/login", new() { ["email"] = "nobody@example.com", ["password"] = "Wrong-Pass-1" })).StatusCode);
        }
        Assert.All(statuses.Take(5), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[5]);
        var limited = await browser.PostFormAsync("/vendor/login", new() { ["email"] = "nobody@example.com", ["password"] = "Wrong-Pass-1" });
        Assert.Equal("text/html", limited.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Too many attempts", await limited.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/vendor/login")).StatusCode);
        // Registration: the API's 3 a minute per address; the fourth form is refused.
        var registering = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            registering.Add((await browser.PostFormAsync("/vendor/register", new() { ["email"] = "not-an-email" })).StatusCode);
        }
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], registering);

        var (vendor, email) = await Portal.PortalTests.RegisterAsync(Factory);
        vendor.Client.DefaultRequestHeaders.Add(PeerAddress.Header, "198.51.100.78");
        var api = Client((string)(await Json(await Factory.ClientFrom("198.51.100.79").PostAsync("/api/auth/login/", Body(new { email, password = Portal.PortalTests.Password }))))["access"]!);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Budget"))))).StatusCode);
        }
        var fields = Portal.PortalTests.EveryField(Unique("Third"), DateTime.UtcNow.AddDays(20));
        fields["image_url"] = "https://cdn.example.com/third.jpg";
        Assert.Equal(HttpStatusCode.Redirect, (await vendor.PostMultipartAsync("/vendor/events/new", fields, "/vendor/events/new")).StatusCode);
        // Reading the form is free; the fourth submission of the hour is refused, whichever way it comes.
        Assert.Equal(HttpStatusCode.OK, (await vendor.Client.GetAsync("/vendor/events/new")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await vendor.PostMultipartAsync("/vendor/events/new", fields, "/vendor/events/new")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await api.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Fourth"))))).StatusCode);
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

    [SkippableFact]
    public async Task A_vendor_over_the_hourly_submission_budget_gets_429_and_other_vendors_keep_theirs()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var other = await Sessions.SignInAsync(Factory);
        object Submission() => new
        {
            title = "Budget test",
            description = "d",
            city = "Pune",
            event_date = DateTime.UtcNow.AddDays(9).ToString("O"),
            category = "music",
            image_url = "https://cdn.example.com/b.jpg",
        };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await vendor.Client.PostAsync("/api/dashboard/events/", Body(Submission()))).StatusCode);
        }
        var id = (int)(await Json(await vendor.Client.GetAsync("/api/dashboard/events/")))["results"]![0]!["id"]!;

        var fourth = await vendor.Client.PostAsync("/api/dashboard/events/", Body(Submission()));
        var edit = await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { title = "Edited" }));
        var othersFirst = await other.Client.PostAsync("/api/dashboard/events/", Body(Submission()));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.True(int.Parse(fourth.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal(HttpStatusCode.TooManyRequests, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Created, othersFirst.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await vendor.Client.GetAsync("/api/dashboard/events/")).StatusCode);
    }

    [SkippableFact]
    public async Task The_account_links_share_one_budget_per_ip_of_five_a_minute()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await ClientFrom("192.0.2.77").PostAsync("/api/auth/password-reset/", Body(new { email = "nobody@example.com" }))).StatusCode);
        }
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Accepted, 5), statuses);
        var sixth = await ClientFrom("192.0.2.77").PostAsync("/api/auth/verify-email/", Body(new { token = "x" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.NotNull(sixth.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ClientFrom("192.0.2.77").GetAsync("/account/reset-password?token=x")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await ClientFrom("192.0.2.78").PostAsync("/api/auth/password-reset/", Body(new { email = "nobody@example.com" }))).StatusCode);
    }

    [SkippableFact]
    public async Task Public_reports_are_limited_per_ip()
    {
        var e = await PublishAsync(EventBody(Unique("Limited")));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await Client().PostAsync($"/api/events/{e["id"]}/report/", Body(new { reason = "spam" }))).StatusCode);
        }
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Accepted, 5), statuses.Take(5));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[5]);
    }

    [SkippableFact]
    public async Task Auth_SecureCookies_makes_the_api_and_console_cookies_secure_over_plain_http()
    {
        await using var secure = Factory.WithWebHostBuilder(b => b.UseSetting("Auth:SecureCookies", "true").UseSetting("RateLimiting:Enabled", "false"));
        var client = secure.CreateClient();
        var email = $"{Unique("secure")}@example.com";
        await WithDb(async db =>
        {
            var user = await Seed.UserAsync(db, email, admin: true);
            user.SetPasswordHash(Factory.Services.GetRequiredService<CulturaLite.Api.Accounts.Passwords>().Hash("Secure-Pass-2026"));
            await db.SaveChangesAsync();
        });

        var login = await client.PostAsync("/api/auth/login/", Body(new { email, password = "Secure-Pass-2026" }));
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("refresh_token=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        var console = secure.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(CulturaLite.Api.Moderation.Console.ConsoleAuth.Scheme);
        Assert.Equal(Microsoft.AspNetCore.Http.CookieSecurePolicy.Always, console.Cookie.SecurePolicy);
    }
}
