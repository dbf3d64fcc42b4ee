using System.Net;
using System.Net.Sockets;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
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
    [Trait("Category", "Slow")]
    public sealed class Sqlite(KestrelSqliteFactory f) : AdminConsoleBrowserTests(f, f.Port), IClassFixture<KestrelSqliteFactory>;

    [Trait("Category", "Browser")]
    [Trait("Category", "Slow")]
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
        // The decision is confirmed and the next event of the same filtered queue opens.
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("“Blurry Poster Night” rejected");
        await Expect(page.Locator("h1")).ToContainTextAsync("Tabla Masterclass");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("“Tabla Masterclass” approved");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("last event of this queue");
        Assert.Contains($"city={city}", page.Url);

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
        await page.GetByLabel("A saved reason").SelectOptionAsync(new SelectOptionValue { Label = template });
        await page.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("rejected. The vendor has been notified");
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
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve selected" }).ClickAsync();
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

    private async Task<int> TemplateAsync(HttpClient admin, string title, string text) =>
        (int)(await Json(await admin.PostAsync("/api/admin/reason-templates/", Body(new { title, text }))))["id"]!;

    private async Task<List<int>> PendingAsync(int vendorId, string city, params string[] titles) => await WithDb(async db =>
    {
        var owner = (await db.Users.FindAsync(vendorId))!;
        var ids = new List<int>();
        for (var i = 0; i < titles.Length; i++)
        {
            ids.Add((await Seed.EventAsync(db, owner, city, DateTime.UtcNow.AddDays(5 + i), status: "pending", title: titles[i])).Id);
        }
        return ids;
    });

    private async Task<(IPage Page, IBrowser Browser, IPlaywright Playwright)> ConsoleAsync(int width = 1280, int height = 800)
    {
        var (email, password) = await AccountAsync(admin: true);
        var playwright = await Playwright.CreateAsync();
        var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        await page.GotoAsync($"{Base}/admin/login");
        await LogInAsync(page, email, password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pending events" })).ToBeVisibleAsync();
        return (page, browser, playwright);
    }

    /// <summary>
    /// The measurement of the console issue: 10 decisions in a row (5 approvals, 5 rejections by template)
    /// from a filtered queue. Each decision opens the next event of the same queue, so it costs one click
    /// (two more to pick a template) and one page load: 1 + 5 + 5 x 3 = 21 clicks and 12 loads with the
    /// queue and the first event; the review counted 33 clicks and 40 loads before.
    /// </summary>
    [SkippableFact]
    public async Task Ten_decisions_in_a_row_walk_the_filtered_queue_in_21_clicks_and_12_page_loads()
    {
        Skip.If(Factory.UnavailableReason is not null, Factory.UnavailableReason);
        var unavailable = BrowserUnavailable();
        Skip.If(unavailable is not null, unavailable);
        Factory.StartServer();
        var (vendor, admin) = await SessionsAsync();
        var template = Unique("Dates");
        await TemplateAsync(admin.Client, template, "Please give the real date and time.");
        var city = Unique("Indore");
        var ids = await PendingAsync(vendor.Id, city, Enumerable.Range(0, 10).Select(i => $"Queue item {i}").ToArray());
        var (page, browser, playwright) = await ConsoleAsync();
        using var _ = playwright;
        await using var __ = browser;

        var clicks = 0;
        var loads = 0;
        // A page load is a document the main frame navigates to. Not the load event: the test clicks as soon as
        // the heading shows, and a page left before its images finish never fires one (6 of 12 seen once).
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                loads++;
            }
        };
        async Task Click(ILocator target)
        {
            clicks++;
            await target.ClickAsync();
        }
        await page.GotoAsync($"{Base}/admin/?city={city}&search=queue");
        await Click(page.GetByRole(AriaRole.Link, new() { Name = "Queue item 0" }));
        for (var i = 0; i < 10; i++)
        {
            await Expect(page.Locator("h1")).ToContainTextAsync($"Queue item {i}");
            if (i < 5)
            {
                await Click(page.GetByRole(AriaRole.Button, new() { Name = "Approve" }));
            }
            else
            {
                clicks += 2; // open the list, pick the template
                await page.GetByLabel("A saved reason").SelectOptionAsync(new SelectOptionValue { Label = template });
                await Click(page.GetByRole(AriaRole.Button, new() { Name = "Reject" }));
            }
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"“Queue item {i}” {(i < 5 ? "approved" : "rejected")}");
        }
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("last event of this queue");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pending events" })).ToBeVisibleAsync();
        Assert.Contains($"city={city}", page.Url);
        Assert.Contains("search=queue", page.Url);

        Assert.Equal(21, clicks);
        Assert.Equal(12, loads);
        var states = await WithDb(db => db.Events.Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id).Select(e => new { e.Status, e.RejectionReason }).ToListAsync());
        Assert.Equal(Enumerable.Repeat("approved", 5).Concat(Enumerable.Repeat("rejected", 5)), states.Select(s => s.Status));
        Assert.All(states.Skip(5), s => Assert.Equal("Please give the real date and time.", s.RejectionReason));
    }

    [SkippableFact]
    public async Task Deciding_from_the_list_rejects_by_template_and_names_the_events_that_changed()
    {
        Skip.If(Factory.UnavailableReason is not null, Factory.UnavailableReason);
        var unavailable = BrowserUnavailable();
        Skip.If(unavailable is not null, unavailable);
        Factory.StartServer();
        var (vendor, admin) = await SessionsAsync();
        var template = Unique("Venue");
        await TemplateAsync(admin.Client, template, "Please name the venue.");
        var city = Unique("Nagpur");
        var ids = await PendingAsync(vendor.Id, city, "List one", "List two", "List three");
        var (page, browser, playwright) = await ConsoleAsync();
        using var _ = playwright;
        await using var __ = browser;

        await page.GotoAsync($"{Base}/admin/?city={city}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reject selected" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing is selected");
        Assert.Contains($"city={city}", page.Url);

        foreach (var title in new[] { "List one", "List two", "List three" })
        {
            await page.GetByLabel($"Select {title}").CheckAsync();
        }
        // The vendor edits one of them after the admin loaded the list.
        Assert.Equal(HttpStatusCode.OK, (await vendor.Client.PatchAsync($"/api/dashboard/events/{ids[2]}/", Body(new { title = "List three, now with a venue" }))).StatusCode);
        await page.GetByLabel("or a saved reason").SelectOptionAsync(new SelectOptionValue { Label = template });
        await page.GetByRole(AriaRole.Button, new() { Name = "Reject selected" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("2 of 3 event(s) rejected");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("“List three, now with a venue”");
        await Expect(page.Locator("tbody")).ToContainTextAsync("List three, now with a venue");
        Assert.Contains($"city={city}", page.Url);
        var states = await WithDb(db => db.Events.Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id).Select(e => new { e.Status, e.RejectionReason }).ToListAsync());
        Assert.Equal(["rejected", "rejected", "pending"], states.Select(s => s.Status));
        Assert.Equal("Please name the venue.", states[0].RejectionReason);
    }

    [SkippableFact]
    public async Task The_decision_controls_are_above_the_fold_and_first_in_the_keyboard_order()
    {
        Skip.If(Factory.UnavailableReason is not null, Factory.UnavailableReason);
        var unavailable = BrowserUnavailable();
        Skip.If(unavailable is not null, unavailable);
        Factory.StartServer();
        var (vendor, admin) = await SessionsAsync();
        await TemplateAsync(admin.Client, Unique("Fold"), "Text.");
        var ids = await PendingAsync(vendor.Id, Unique("Agra"), "Above the fold");
        var (page, browser, playwright) = await ConsoleAsync(1280, 800);
        using var _ = playwright;
        await using var __ = browser;

        await page.GotoAsync($"{Base}/admin/events/{ids[0]}");
        foreach (var name in new[] { "Approve", "Reject" })
        {
            var box = await page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Y + box.Height <= 800, $"{name} ends at {box.Y + box.Height}px, below the 800px viewport");
        }
        // Skip link, then the way back, then the decision.
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Approve", await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));

        // The vendor edits it meanwhile: the decision is refused in words, with the new content shown.
        Assert.Equal(HttpStatusCode.OK, (await vendor.Client.PatchAsync($"/api/dashboard/events/{ids[0]}/", Body(new { title = "Above the fold, edited" }))).StatusCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("changed since you loaded it");
        await Expect(page.Locator("h1")).ToContainTextAsync("Above the fold, edited");
    }

    private const string FocusContrast = """
        () => {
          const el = document.activeElement, cs = getComputedStyle(el);
          if (cs.outlineStyle === 'none' || parseFloat(cs.outlineWidth) < 2) return 0;
          const parse = c => c.match(/[\d.]+/g).map(Number);
          let n = el.parentElement, bg = [255, 255, 255];
          while (n) { const p = parse(getComputedStyle(n).backgroundColor); if (p.length < 4 || p[3] > 0) { bg = p; break; } n = n.parentElement; }
          const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
          const a = lum(parse(cs.outlineColor)), b = lum(bg);
          return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        }
        """;

    [SkippableFact]
    public async Task At_1280_pixels_status_badges_and_city_names_do_not_break_mid_word()
    {
        Skip.If(Factory.UnavailableReason is not null, Factory.UnavailableReason);
        var unavailable = BrowserUnavailable();
        Skip.If(unavailable is not null, unavailable);
        Factory.StartServer();
        var (vendor, _) = await SessionsAsync();
        var marker = Unique("m");
        await PendingAsync(vendor.Id, "Thiruvananthapuram", $"A rather long title for a Kathakali evening with live chenda and maddalam {marker}",
            $"Mohiniyattam recital and a conversation with the dancers about the form {marker}");
        var (page, browser, playwright) = await ConsoleAsync(1280, 800);
        using var _ = playwright;
        await using var __ = browser;

        await page.GotoAsync($"{Base}/admin/?city=Thiruvananthapuram");

        // Each badge and each city name is laid out on one line (a word broken mid-way makes two boxes).
        var lines = await page.EvaluateAsync<int[]>("""
            [...document.querySelectorAll("tbody .status, tbody td[data-label='City']")].map(e => {
                const r = document.createRange(); r.selectNodeContents(e);
                return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size;
            })
            """);
        Assert.NotEmpty(lines);
        Assert.All(lines, n => Assert.Equal(1, n));
    }

    [SkippableFact]
    public async Task At_390_and_320_pixels_nothing_scrolls_sideways_and_focus_stands_out_on_every_background()
    {
        Skip.If(Factory.UnavailableReason is not null, Factory.UnavailableReason);
        var unavailable = BrowserUnavailable();
        Skip.If(unavailable is not null, unavailable);
        Factory.StartServer();
        var city = Unique("Surat");
        var eventId = await WithDb(async db =>
        {
            var owner = await Seed.UserAsync(db, $"{Unique("a-vendor-with-a-remarkably-long-address-for-narrow-screens")}@example-organisation.co.in");
            return (await Seed.EventAsync(db, owner, city, DateTime.UtcNow.AddDays(3), status: "pending", title: "Narrow",
                description: "Line one\nLine two " + new string('x', 300))).Id;
        });
        var (page, browser, playwright) = await ConsoleAsync(390, 844);
        using var _ = playwright;
        await using var __ = browser;

        var blocked = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                blocked.Add(m.Text);
            }
        };
        // 390px is a phone; 320px is 1280px at 400% zoom.
        foreach (var width in new[] { 320, 390 })
        {
            await page.SetViewportSizeAsync(width, 844);
            foreach (var path in new[] { $"/admin/?city={city}", $"/admin/events/{eventId}", "/admin/vendors", "/admin/categories", "/admin/cities", "/admin/audit", "/admin/reports" })
            {
                await page.GotoAsync(Base + path);
                var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assert.True(overflow <= 0, $"{path} scrolls {overflow}px sideways at {width}px");
            }
        }
        Assert.Empty(blocked);
        await page.GotoAsync($"{Base}/admin/?city={city}");
        foreach (var label in new[] { "Vendor", "Status" })
        {
            var box = await page.Locator($"tbody td[data-label='{label}']").First.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"{label} is outside the 390px screen");
        }
        await page.GotoAsync($"{Base}/admin/events/{eventId}");
        Assert.Contains("Line one\nLine two", await page.Locator("p.prose").First.InnerTextAsync());

        // Every focus stop of the queue (header on the brand colour, filters, buttons, rows) at 3:1 or more.
        await page.GotoAsync($"{Base}/admin/?city={city}");
        for (var i = 0; i < 25; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var ratio = await page.EvaluateAsync<double>(FocusContrast);
            var what = await page.EvaluateAsync<string>("(() => { const e = document.activeElement, c = getComputedStyle(e); return e.outerHTML.slice(0, 80) + ' outline ' + c.outlineStyle + ' ' + c.outlineWidth + ' ' + c.outlineColor; })()");
            Assert.True(ratio >= 3, $"focus outline of {what} has contrast {ratio:0.0}:1");
        }
    }

    [SkippableFact]
    public async Task Deactivating_asks_for_confirmation_and_the_admins_own_row_offers_none()
    {
        Skip.If(Factory.UnavailableReason is not null, Factory.UnavailableReason);
        var unavailable = BrowserUnavailable();
        Skip.If(unavailable is not null, unavailable);
        Factory.StartServer();
        var vendor = await Sessions.SignInAsync(Factory);
        var (email, password) = await AccountAsync(admin: true);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{Base}/admin/login");
        await LogInAsync(page, email, password);

        await page.GotoAsync($"{Base}/admin/vendors?q={Uri.EscapeDataString(email)}");
        await Expect(page.Locator("tbody")).ToContainTextAsync("(you)");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Deactivate {email}" })).ToHaveCountAsync(0);

        await page.GotoAsync($"{Base}/admin/vendors?q={Uri.EscapeDataString(vendor.Email)}");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Deactivate {vendor.Email}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Deactivate {vendor.Email}?" })).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.OK, (await vendor.Client.GetAsync("/api/auth/me/")).StatusCode);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Yes, deactivate {vendor.Email}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("deactivated");
        Assert.Equal(HttpStatusCode.Unauthorized, (await vendor.Client.GetAsync("/api/auth/me/")).StatusCode);
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
    [Trait("Category", "Slow")]
    public sealed class Sqlite(SqliteApiFactory f) : AdminConsoleHttpTests(f), IClassFixture<SqliteApiFactory>;

    [Trait("Category", "Slow")]
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
