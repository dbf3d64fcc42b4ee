using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CulturaLite.Api.Tests.Infrastructure;
using CulturaLite.Api.Tests.Moderation;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CulturaLite.Api.Tests.Portal;

/// <summary>
/// A vendor with only a phone runs their listing end to end in headless Chromium at 360 px: registers, verifies the email
/// from the pickup folder, submits an event with a photo and every fact, reads the moderator's note and replies, sees
/// the approval, reschedules, and the public home and share pages show the new date. Every page visited is checked by
/// axe (no serious or critical violation), for sideways scrolling at 320 px, and for no 5xx answer.
/// </summary>
public abstract partial class PortalBrowserTests(ApiFactory factory, int port) : ApiTest(factory)
{
    [Trait("Category", "Browser")]
    [Trait("Category", "Slow")]
    public sealed class Sqlite(KestrelSqliteFactory f) : PortalBrowserTests(f, f.Port), IClassFixture<KestrelSqliteFactory>;

    [Trait("Category", "Browser")]
    [Trait("Category", "Slow")]
    public sealed class Postgres(KestrelPostgresFactory f) : PortalBrowserTests(f, f.Port), IClassFixture<KestrelPostgresFactory>;

    private string Base => $"http://localhost:{port}";

    private readonly List<string> _serverErrors = [];
    private readonly List<string> _checked = [];

    /// <summary>A phone: 360 px wide, touch, and every answer watched for a 5xx.</summary>
    private async Task<IPage> PhoneAsync(IBrowser browser, string? locale = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 780 },
            HasTouch = true,
            IsMobile = true,
            Locale = locale ?? "en-IN",
        });
        var page = await context.NewPageAsync();
        page.Response += (_, response) =>
        {
            if (response.Status >= 500)
            {
                _serverErrors.Add($"{response.Status} {response.Url}");
            }
        };
        return page;
    }

    /// <summary>axe finds no serious or critical violation; nothing scrolls sideways at 320 px; a screenshot at 360 px.</summary>
    private async Task CheckAsync(IPage page, string name)
    {
        var results = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        var severe = results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {string.Join(" | ", v.Nodes.Select(n => n.Html).Take(3))}").ToList();
        Assert.True(severe.Count == 0, $"{name}: {string.Join("; ", severe)}");
        await page.SetViewportSizeAsync(320, 780);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{name} scrolls sideways at 320 px");
        await page.SetViewportSizeAsync(360, 780);
        var weight = await page.EvaluateAsync<int>("() => new TextEncoder().encode(document.documentElement.outerHTML).length");
        Assert.True(weight < 100_000, $"{name}: {weight} bytes of HTML");
        var small = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('a, button, input:not([type=hidden]), select, textarea, summary')]" +
            ".filter(e => e.offsetParent !== null && !e.closest('p, dd, .hint, .description'))" +
            // A link inside a line of text is WCAG 2.5.8's inline exception.
            ".filter(e => !(e.tagName === 'A' && getComputedStyle(e).display === 'inline' && e.parentElement.textContent.trim() !== e.textContent.trim()))" +
            ".filter(e => { const r = e.getBoundingClientRect(); return r.height < 44 && !(e.type === 'checkbox' && e.closest('label')); })" +
            ".map(e => e.outerHTML.slice(0, 80))");
        Assert.True(small.Length == 0, $"{name}: touch targets under 44 px: {string.Join(" | ", small)}");
        var folder = Environment.GetEnvironmentVariable("CULTURALITE_SCREENSHOTS") is { Length: > 0 }
            ? Path.Combine(Repository.Root(), "docs", "screenshots")
            : Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(folder);
        if (Database == Db.Sqlite)
        {
            await page.EvaluateAsync("() => document.fonts.ready");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-360.png"), FullPage = true });
        }
        _checked.Add(name);
    }

    /// <summary>Skips when this database or Chromium is missing (CI requires both), else starts the real server.</summary>
    private void StartServerOrSkip()
    {
        Skip.If(Factory.UnavailableReason is not null, Factory.UnavailableReason);
        var unavailable = AdminConsoleBrowserTests.BrowserUnavailable();
        Skip.If(unavailable is not null, unavailable);
        Factory.StartServer();
    }

    private static ILocator Field(IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    [SkippableFact]
    public async Task A_vendor_on_a_phone_runs_a_listing_from_registration_to_a_rescheduled_public_event()
    {
        StartServerOrSkip();
        var email = $"phone{Guid.NewGuid():N}"[..16] + "@example.com";
        var title = Unique("Kathak Sandhya");
        var photo = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.jpg");
        await File.WriteAllBytesAsync(photo, PortalTests.Photo());

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await AdminConsoleBrowserTests.LaunchAsync(playwright);
        var page = await PhoneAsync(browser);

        await page.GotoAsync($"{Base}/");
        await CheckAsync(page, "home");
        await page.GetByRole(AriaRole.Link, new() { Name = "For organizers" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in to manage your events" })).ToBeVisibleAsync();
        await CheckAsync(page, "vendor-login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create an organizer account" }).ClickAsync();
        await CheckAsync(page, "vendor-register");
        await Field(page, "Email").FillAsync(email);
        await Field(page, "First name").FillAsync("Asha");
        await Field(page, "Last name").FillAsync("Rao");
        await Field(page, "Password").FillAsync(PortalTests.Password);
        await Field(page, "Password again").FillAsync(PortalTests.Password);
        await page.GetByLabel("I have read and agree to the privacy notice.").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your account is ready");
        await CheckAsync(page, "vendor-events-empty");

        // The verification link, as the vendor finds it in their mail.
        var link = await VerificationLinkAsync(email);
        await page.GotoAsync(link);
        await Expect(page.Locator("main")).ToContainTextAsync("verified");
        await CheckAsync(page, "account-verify-email");

        await page.GotoAsync($"{Base}/vendor/events/new");
        await CheckAsync(page, "vendor-event-new");
        var start = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow.AddDays(20), TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")).Date.AddHours(19);
        await Field(page, "Title").FillAsync(title);
        await Field(page, "Description").FillAsync("An evening of Kathak with live tabla.");
        await Field(page, "Category").SelectOptionAsync("dance");
        await Field(page, "Starts").FillAsync(start.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.Locator("input[type=file][name=image]").SetInputFilesAsync(photo);
        await Field(page, "City").FillAsync("Bombay");
        await Field(page, "Venue (optional)").FillAsync("NCPA Experimental Theatre");
        await Field(page, "PIN code (optional)").FillAsync("400021");
        await Field(page, "How people attend").SelectOptionAsync("mixed");
        await Field(page, "Online link (optional)").FillAsync("https://stream.example.com/kathak");
        await Field(page, "Lowest price (optional)").FillAsync("500");
        await Field(page, "Highest price (optional)").FillAsync("150000");
        await Field(page, "Where to buy tickets (optional)").FillAsync("https://tickets.example.com/kathak");
        await Field(page, "Youngest age (optional)").FillAsync("8");
        await page.GetByLabel("Wheelchair access").CheckAsync();
        await Field(page, "Languages performed in (optional)").FillAsync("hi, en");
        await Field(page, "Performers (optional)").FillAsync("Asha Rao\nMeera Iyer");
        await page.Locator("#tr-lang-0").SelectOptionAsync("hi");
        await page.Locator("#tr-title-0").FillAsync("कथक संध्या");
        await page.Locator("#tr-description-0").FillAsync("लाइव तबले के साथ कथक की एक शाम।");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("waits for review");
        await Expect(page.Locator("main")).ToContainTextAsync("Waiting for review");
        var id = int.Parse(Regex.Match(page.Url, "/vendor/events/(\\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        await CheckAsync(page, "vendor-event-pending");

        var admin = await Sessions.SignInAsync(Factory, admin: true);
        Assert.Equal(HttpStatusCode.Created, (await admin.Client.PostAsync($"/api/admin/events/{id}/notes/", Body(new { text = "Which hall is it in?", visible_to_vendor = true }))).StatusCode);
        await page.ReloadAsync();
        await Expect(page.Locator(".notes")).ToContainTextAsync("Which hall is it in?");
        await Field(page, "Reply to the moderators").FillAsync("The experimental theatre, ground floor.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Expect(page.Locator(".notes")).ToContainTextAsync("The experimental theatre, ground floor.");

        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);
        await page.GotoAsync($"{Base}/vendor/notifications");
        await Expect(page.Locator("main")).ToContainTextAsync($"Your event '{title}' was approved.");
        await CheckAsync(page, "vendor-notifications");
        await page.GetByRole(AriaRole.Link, new() { Name = title }).First.ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Approved");
        await CheckAsync(page, "vendor-event-approved");

        var moved = start.AddDays(7);
        await page.GetByText("Reschedule to a new date").ClickAsync();
        await page.Locator("#reschedule-event-date").FillAsync(moved.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Reschedule", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("rescheduled");
        var shown = moved.ToString(moved.Year == DateTime.UtcNow.Year ? "ddd, d MMM" : "ddd, d MMM yyyy", CultureInfo.GetCultureInfo("en-IN"));

        await page.GotoAsync($"{Base}/?city=Mumbai&search={Uri.EscapeDataString(title)}");
        var card = page.Locator(".card", new() { HasText = title });
        await Expect(card).ToContainTextAsync(shown);
        await Expect(card).ToContainTextAsync("Rescheduled");
        await CheckAsync(page, "home-filtered");
        await card.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/e/{id}$"));
        await Expect(page.Locator("main")).ToContainTextAsync(moved.ToString("d MMM", CultureInfo.InvariantCulture));
        await CheckAsync(page, "share-page");
        await page.Locator("main a[href*='/o/']").First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await CheckAsync(page, "organizer-page");
        await page.GotoAsync($"{Base}/e/999999999");
        await CheckAsync(page, "share-page-not-found");

        // A public festival with this event inside, for its page.
        var festivalId = await WithDb(async db =>
        {
            var vendorId = await db.Events.Where(e => e.Id == id).Select(e => e.VendorId).SingleAsync();
            var festival = CulturaLite.Api.Festivals.Festival.Submit(vendorId, new CulturaLite.Api.Festivals.FestivalDetails("Kala Utsav", "Three weeks of dance and music.",
                "Mumbai", DateTime.UtcNow, DateTime.UtcNow.AddDays(50), "https://cdn.example.com/utsav.jpg", null, null, null, null), DateTime.UtcNow);
            festival.Approve(vendorId, DateTime.UtcNow);
            db.Festivals.Add(festival);
            await db.SaveChangesAsync();
            var e = await db.Events.SingleAsync(x => x.Id == id);
            db.Entry(e).Property(x => x.FestivalId).CurrentValue = festival.Id;
            await db.SaveChangesAsync();
            return festival.Id;
        });
        foreach (var path in new[] { "/vendor/profile", "/vendor/account", $"/vendor/events/{id}/edit", "/vendor/forgot-password", "/vendor/festivals",
            $"/vendor/festivals/{festivalId}", $"/f/{festivalId}" })
        {
            await page.GotoAsync(Base + path);
            await CheckAsync(page, path.Trim('/').Replace('/', '-').Replace(id.ToString(CultureInfo.InvariantCulture), "id").Replace(festivalId.ToString(CultureInfo.InvariantCulture), "id"));
        }
        Assert.Empty(_serverErrors);
        File.Delete(photo);
    }

    [SkippableFact]
    public async Task A_submission_can_be_made_with_the_keyboard_alone_and_errors_are_announced_next_to_their_fields()
    {
        StartServerOrSkip();
        var (session, email) = await PortalTests.RegisterAsync(Factory);
        _ = session;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await AdminConsoleBrowserTests.LaunchAsync(playwright);
        var page = await PhoneAsync(browser);
        await page.GotoAsync($"{Base}/vendor/login");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        // The skip link moves to the main content; the form follows.
        await FocusAsync(page, "email");
        await page.Keyboard.TypeAsync(email);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(PortalTests.Password);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My events" })).ToBeVisibleAsync();

        await page.GotoAsync($"{Base}/vendor/events/new");
        await FocusAsync(page, "title");
        await page.Keyboard.TypeAsync("Keyboard Kathak");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Typed without a mouse.");
        await FocusAsync(page, "category");
        await page.Keyboard.PressAsync("ArrowDown");
        // A date in the past, typed into the date and time control's parts (day, month, year, hours, minutes, am/pm).
        await FocusAsync(page, "event-date");
        // Headless Chromium takes no typed input into its date and time control (tried: digits with and without Tab
        // between its parts, in en-IN, hi-IN and en-US): the value is set on the focused control instead.
        await page.Locator("#f-event-date").FillAsync("2020-01-01T19:00");
        await FocusAsync(page, "image-url");
        await page.Keyboard.TypeAsync("https://cdn.example.com/kathak.jpg");
        await FocusAsync(page, "city");
        await page.Keyboard.TypeAsync("Pune");
        await page.Keyboard.PressAsync("Enter");

        var error = page.Locator("#f-event-date-error");
        await Expect(error).ToContainTextAsync("The event date must be in the future.");
        await Expect(page.Locator("#f-event-date")).ToHaveAttributeAsync("aria-describedby", new Regex("f-event-date-error"));
        await Expect(page.Locator("#f-event-date")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#f-title")).ToHaveValueAsync("Keyboard Kathak");

        var start = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow.AddDays(9), TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"));
        await FocusAsync(page, "event-date");
        await page.Locator("#f-event-date").FillAsync(start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T19:30");
        await FocusAsync(page, "city");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("waits for review");
        Assert.Empty(_serverErrors);
    }

    [SkippableFact]
    public async Task The_hindi_interface_shows_every_page_without_an_english_string_of_the_interface_left()
    {
        StartServerOrSkip();
        var (session, _) = await PortalTests.RegisterAsync(Factory);
        var submitted = await session.PostMultipartAsync("/vendor/events/new", PortalTests.EveryField(Unique("Hindi"), DateTime.UtcNow.AddDays(30)), "/vendor/events/new",
            ("image", "phone.jpg", PortalTests.Photo(), "image/jpeg"));
        var id = submitted.Headers.Location!.OriginalString.Split('/')[^1];
        // Category names are data, not the interface (they stay as the admins named them): "Festivals" is both.
        var categories = await WithDb(db => db.Categories.Select(c => c.Name).ToListAsync());
        var english = Site.UiTextTests.EnglishTexts().Where(t => t.Length > 3 && Regex.IsMatch(t, "[a-z]{3}") && !categories.Contains(t)).ToList();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await AdminConsoleBrowserTests.LaunchAsync(playwright);
        var page = await PhoneAsync(browser, "hi-IN");
        var context = page.Context;
        await context.AddCookiesAsync([.. session.Cookies.GetAllCookies().Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Domain = "localhost", Path = c.Path })]);
        foreach (var path in new[] { "/", "/vendor/", $"/vendor/events/{id}", $"/vendor/events/{id}/edit", "/vendor/events/new", "/vendor/notifications", "/vendor/profile", "/vendor/account" })
        {
            await page.GotoAsync(Base + path);
            Assert.Equal("hi", await page.Locator("html").GetAttributeAsync("lang"));
            var text = await page.Locator("body").InnerTextAsync();
            var left = english.Where(e => text.Contains(e, StringComparison.Ordinal)).ToList();
            Assert.True(left.Count == 0, $"{path} still shows: {string.Join(" | ", left)}");
            await CheckAsync(page, "hi" + path.TrimEnd('/').Replace('/', '-').Replace(id, "id"));
        }
        Assert.Empty(_serverErrors);
    }

    [SkippableFact]
    public async Task A_12_megapixel_photo_over_a_slow_connection_shows_its_upload_progress_then_the_saved_event()
    {
        StartServerOrSkip();
        var (session, email) = await PortalTests.RegisterAsync(Factory);
        _ = session;
        var photo = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.jpg");
        var bytes = TestImages.LargePhoto(4000, 3000, quality: 97);
        await File.WriteAllBytesAsync(photo, bytes);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await AdminConsoleBrowserTests.LaunchAsync(playwright);
        var page = await PhoneAsync(browser);
        await page.GotoAsync($"{Base}/vendor/login");
        await Field(page, "Email").FillAsync(email);
        await Field(page, "Password").FillAsync(PortalTests.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.GotoAsync($"{Base}/vendor/events/new");
        await Field(page, "Title").FillAsync("Slow Upload Sitar");
        await Field(page, "Description").FillAsync("Sent from a phone on a slow connection.");
        await Field(page, "Category").SelectOptionAsync("music");
        await page.Locator("#f-event-date").FillAsync(DateTime.UtcNow.AddDays(12).ToString("yyyy-MM-dd'T'19:00", CultureInfo.InvariantCulture));
        await Field(page, "City").FillAsync("Pune");
        await page.Locator("input[type=file][name=image]").SetInputFilesAsync(photo);
        // A slow mobile uplink: the upload takes seconds, long enough to be seen.
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = 100,
            ["downloadThroughput"] = 1_000_000,
            ["uploadThroughput"] = Math.Max(200_000, bytes.Length / 4),
        });

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();

        var progress = page.Locator("progress");
        await Expect(progress).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => { const p = document.querySelector('progress'); return p && p.value > 0 && p.value < p.max; }");
        await Expect(page.Locator("[data-progress-status]")).ToContainTextAsync("%");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("waits for review", new() { Timeout = 60_000 });
        Assert.Matches("/vendor/events/\\d+$", page.Url);
        Assert.True(bytes.Length > 500_000, $"the photo is {bytes.Length} bytes");
        Assert.Empty(_serverErrors);
        File.Delete(photo);
    }

    private static async Task FocusAsync(IPage page, string field)
    {
        // Tab until the field has the focus, as a keyboard user does (at most 80 stops).
        for (var i = 0; i < 80; i++)
        {
            if (await page.EvaluateAsync<string?>("() => document.activeElement && document.activeElement.id") == $"f-{field}")
            {
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        throw new InvalidOperationException($"Tab never reached f-{field}");
    }

    private async Task<string> VerificationLinkAsync(string email)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            foreach (var file in Directory.Exists(Factory.MailPickup) ? Directory.GetFiles(Factory.MailPickup) : [])
            {
                var text = await File.ReadAllTextAsync(file);
                if (text.Contains(email, StringComparison.OrdinalIgnoreCase) && VerifyLink().Match(text.Replace("=\r\n", "").Replace("=3D", "=")) is { Success: true } match)
                {
                    return Base + match.Value[match.Value.IndexOf("/account/", StringComparison.Ordinal)..];
                }
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"No verification email for {email}");
    }

    [GeneratedRegex("https?://[^\\s\"<>]+/account/verify-email\\?token=[A-Za-z0-9_%\\-]+")]
    private static partial Regex VerifyLink();
}
