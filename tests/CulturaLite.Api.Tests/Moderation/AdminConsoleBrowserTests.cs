using System.Net;
using System.Net.Sockets;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CulturaLite.Api.Tests.Moderation;

public sealed class KestrelSqliteFactory : SqliteApiFactory
{
    public KestrelSqliteFactory()
    {
        Port = FreePort();
        UseKestrel(Port);
    }

    public int Port { get; }

    protected override Uri BaseAddress => new($"http://localhost:{Port}");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class KestrelPostgresFactory : PostgresApiFactory
{
    public KestrelPostgresFactory()
    {
        Port = KestrelSqliteFactory.FreePort();
        UseKestrel(Port);
    }

    public int Port { get; }

    protected override Uri BaseAddress => new($"http://localhost:{Port}");
}

/// <summary>
/// The moderation console driven in headless Chromium (Debian's, at /usr/bin/chromium): an admin
/// logs in, filters the queue, rejects one event and approves another; the API then shows both
/// decisions and the vendor's notifications. A vendor cannot get in.
/// </summary>
public abstract class AdminConsoleBrowserTests(ApiFactory factory, int port) : ApiTest(factory)
{
    public const string Chromium = "/usr/bin/chromium";

    [Trait("Category", "Browser")]
    public sealed class Sqlite(KestrelSqliteFactory f) : AdminConsoleBrowserTests(f, f.Port), IClassFixture<KestrelSqliteFactory>;

    [Trait("Category", "Browser")]
    public sealed class Postgres(KestrelPostgresFactory f) : AdminConsoleBrowserTests(f, f.Port), IClassFixture<KestrelPostgresFactory>;

    private string Base => $"http://localhost:{port}";

    public static string? BrowserUnavailable()
    {
        if (File.Exists(Chromium))
        {
            return null;
        }
        const string reason = "Chromium is not installed at /usr/bin/chromium (apt-get install chromium): browser tests cannot run.";
        if (PostgresCluster.InCi)
        {
            throw new InvalidOperationException("CI=true requires it: " + reason);
        }
        return reason;
    }

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
        });

    private static async Task LogInAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }

    private async Task<(string Email, string Password)> AccountAsync(bool admin)
    {
        var email = $"{Unique(admin ? "admin" : "vendor")}@example.com";
        const string password = "Console-Pass-2026";
        await WithDb(async db =>
        {
            var user = await Seed.UserAsync(db, email, admin);
            user.SetPasswordHash(Factory.Services.GetRequiredService<Passwords>().Hash(password));
            await db.SaveChangesAsync();
        });
        return (email, password);
    }

    [SkippableFact]
    public async Task An_admin_rejects_and_approves_in_the_browser_and_the_api_reflects_it()
    {
        Skip.If(Factory.UnavailableReason is not null, Factory.UnavailableReason);
        var unavailable = BrowserUnavailable();
        Skip.If(unavailable is not null, unavailable);
        Factory.StartServer();
        var vendor = await Sessions.SignInAsync(Factory);
        var city = Unique("Bhopal");
        var (rejectId, approveId) = await WithDb(async db =>
        {
            var owner = (await db.Users.FindAsync(vendor.Id))!;
            var first = await Seed.EventAsync(db, owner, city, DateTime.UtcNow.AddDays(6), status: "pending", title: "Blurry Poster Night");
            var second = await Seed.EventAsync(db, owner, city, DateTime.UtcNow.AddDays(8), status: "pending", title: "Tabla Masterclass");
            return (first.Id, second.Id);
        });
        var (email, password) = await AccountAsync(admin: true);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"{Base}/admin/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in to moderate" })).ToBeVisibleAsync();
        await LogInAsync(page, email, password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pending events" })).ToBeVisibleAsync();

        await page.GetByLabel("City").FillAsync(city);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var rows = page.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.First).ToContainTextAsync("Blurry Poster Night");

        await page.GetByRole(AriaRole.Link, new() { Name = "Blurry Poster Night" }).ClickAsync();
        await page.GetByLabel("Reason for rejecting").FillAsync("The poster is too blurry to read.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Event rejected");
        await Expect(page.Locator("h1 .status")).ToHaveTextAsync("rejected");

        await page.GotoAsync($"{Base}/admin/?city={city}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Tabla Masterclass" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Event approved");

        var api = Factory.Client();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/events/{approveId}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/events/{rejectId}/")).StatusCode);
        var rejected = await Json(await vendor.Client.GetAsync($"/api/dashboard/events/{rejectId}/"));
        Assert.Equal("rejected", (string)rejected["status"]!);
        Assert.Equal("The poster is too blurry to read.", (string)rejected["rejection_reason"]!);
        var notes = await Json(await vendor.Client.GetAsync("/api/notifications/"));
        Assert.Equal(2, (int)notes["count"]!);
        Assert.Contains(notes["results"]!.AsArray(), n => (string)n!["message"]! == "Your event 'Tabla Masterclass' was approved.");
    }

    [SkippableFact]
    public async Task The_console_rejects_by_template_writes_notes_and_resolves_reports()
    {
        Skip.If(Factory.UnavailableReason is not null, Factory.UnavailableReason);
        var unavailable = BrowserUnavailable();
        Skip.If(unavailable is not null, unavailable);
        Factory.StartServer();
        var (vendor, admin) = await SessionsAsync();
        var template = Unique("Blurry");
        Assert.Equal(HttpStatusCode.Created, (await admin.Client.PostAsync("/api/admin/reason-templates/",
            Body(new { title = template, text = "Please upload a sharper poster." }))).StatusCode);
        var pending = await Json(await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Pending")))));
        var reported = await PublishAsync(EventBody(Unique("Reported")));
        var reporter = await Sessions.SignInAsync(Factory);
        Assert.Equal(HttpStatusCode.Accepted, (await reporter.Client.PostAsync($"/api/events/{reported["id"]}/report/", Body(new { reason = "spam" }))).StatusCode);
        var (email, password) = await AccountAsync(admin: true);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{Base}/admin/");
        await LogInAsync(page, email, password);

        await page.GotoAsync($"{Base}/admin/events/{pending["id"]}");
        await page.GetByLabel("New note").FillAsync("Which hall is it in?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Note sent to the vendor");
        await Expect(page.Locator("#notes + ul")).ToContainTextAsync("Which hall is it in?");
        await page.GetByLabel("Or a saved reason").SelectOptionAsync(new SelectOptionValue { Label = template });
        await page.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Event rejected");
        var rejected = await Json(await vendor.Client.GetAsync($"/api/dashboard/events/{pending["id"]}/"));
        Assert.Equal("Please upload a sharper poster.", (string)rejected["rejection_reason"]!);
        Assert.Equal(["Which hall is it in?"], (await Json(await vendor.Client.GetAsync($"/api/dashboard/events/{pending["id"]}/notes/"))).AsArray().Select(n => (string)n!["text"]!));

        await page.GotoAsync($"{Base}/admin/reports");
        var card = page.Locator("section.card", new() { HasText = (string)reported["title"]! });
        await Expect(card).ToContainTextAsync("spam");
        await card.GetByRole(AriaRole.Button, new() { Name = "Keep listed" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("kept");
        var reports = await Json(await admin.Client.GetAsync("/api/admin/reports/?page_size=100"));
        Assert.DoesNotContain(reports["results"]!.AsArray(), g => (int)g!["event"]!["id"]! == (int)reported["id"]!);

        // Several at once from the queue, keeping the filter.
        var city = Unique("Bulkpur");
        var first = await Json(await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("One"), city))));
        var second = await Json(await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Two"), city))));
        await page.GotoAsync($"{Base}/admin/?city={city}");
        await page.GetByLabel($"Select {first["title"]}").CheckAsync();
        await page.GetByLabel($"Select {second["title"]}").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve ticked" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 of 2 event(s) approved");
        Assert.Contains($"city={city}", page.Url);
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync($"/api/events/{first["id"]}/")).StatusCode);

        // Trust a vendor from the vendors page; the audit log page lists it.
        await page.GotoAsync($"{Base}/admin/vendors?q={Uri.EscapeDataString(vendor.Email)}");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Trust {vendor.Email}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is trusted");
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/api/admin/users/?search=" + Uri.EscapeDataString(vendor.Email))).StatusCode);
        var auto = await Json(await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Auto")))));
        Assert.Equal("approved", (string)auto["status"]!);
        await page.GotoAsync($"{Base}/admin/audit?action=user.trust");
        await Expect(page.Locator("tbody")).ToContainTextAsync("user.trust");
    }

    [SkippableFact]
    public async Task Logging_out_ends_the_session_and_the_console_asks_to_log_in_again()
    {
        Skip.If(Factory.UnavailableReason is not null, Factory.UnavailableReason);
        var unavailable = BrowserUnavailable();
        Skip.If(unavailable is not null, unavailable);
        Factory.StartServer();
        var (email, password) = await AccountAsync(admin: true);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{Base}/admin/login");
        await LogInAsync(page, email, password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pending events" })).ToBeVisibleAsync();
        Assert.Contains(await context.CookiesAsync(), c => c.Name == "culturalite_admin");

        var logout = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Log out") }).ClickAsync(),
            r => r.Url.EndsWith("/admin/logout", StringComparison.Ordinal));

        Assert.Equal(302, logout.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in to moderate" })).ToBeVisibleAsync();
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "culturalite_admin");
        await page.GotoAsync($"{Base}/admin/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in to moderate" })).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task A_vendor_account_cannot_open_the_console()
    {
        Skip.If(Factory.UnavailableReason is not null, Factory.UnavailableReason);
        var unavailable = BrowserUnavailable();
        Skip.If(unavailable is not null, unavailable);
        Factory.StartServer();
        var (email, password) = await AccountAsync(admin: false);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{Base}/admin/login");
        await LogInAsync(page, email, password);

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not an admin");
        await page.GotoAsync($"{Base}/admin/vendors");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in to moderate" })).ToBeVisibleAsync();
    }
}

/// <summary>The console over plain HTTP: what a browser test does not show.</summary>
public abstract class AdminConsoleHttpTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : AdminConsoleHttpTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : AdminConsoleHttpTests(f), IClassFixture<PostgresApiFactory>;

    [SkippableFact]
    public async Task Pages_need_an_admin_cookie_forms_need_antiforgery_and_framing_is_refused()
    {
        var client = Client();

        var queue = await client.GetAsync("/admin/");
        var login = await client.GetAsync("/admin/login");
        var forged = await client.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "a@b.c", ["Password"] = "x" }));
        var bearerOnly = await Client((await Sessions.SignInAsync(Factory, admin: true)).Access).GetAsync("/admin/vendors");
        var css = await client.GetAsync("/admin/assets/console.css");

        Assert.Equal(HttpStatusCode.Found, queue.StatusCode);
        Assert.StartsWith("/admin/login", queue.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("DENY", login.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", login.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("__RequestVerificationToken", await login.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Found, bearerOnly.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }
}
