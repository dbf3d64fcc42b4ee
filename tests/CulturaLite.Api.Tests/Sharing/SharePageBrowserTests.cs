using CulturaLite.Api.Tests.Infrastructure;
using CulturaLite.Api.Tests.Moderation;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CulturaLite.Api.Tests.Sharing;

/// <summary>
/// The share page in headless Chromium at a phone's width (390 px) and a laptop's (1280 px): the
/// title, the preview image and the date are visible and nothing scrolls sideways. One screenshot per
/// width is kept under the test output's `artifacts/` folder.
/// </summary>
public abstract class SharePageBrowserTests(ApiFactory factory, int port) : ApiTest(factory)
{
    [Trait("Category", "Browser")]
    [Trait("Category", "Slow")]
    public sealed class Sqlite(KestrelSqliteFactory f) : SharePageBrowserTests(f, f.Port), IClassFixture<KestrelSqliteFactory>;

    [Trait("Category", "Browser")]
    [Trait("Category", "Slow")]
    public sealed class Postgres(KestrelPostgresFactory f) : SharePageBrowserTests(f, f.Port), IClassFixture<KestrelPostgresFactory>;

    [SkippableFact]
    public async Task The_share_page_shows_title_image_and_date_on_a_phone_and_a_laptop()
    {
        Skip.If(Factory.UnavailableReason is not null, Factory.UnavailableReason);
        var unavailable = AdminConsoleBrowserTests.BrowserUnavailable();
        Skip.If(unavailable is not null, unavailable);
        Factory.StartServer();
        var title = "Margazhi Music Season: Sanjay Subrahmanyan with violin and mridangam " + Unique("m");
        var item = await PublishAsync(EventBody(title, "Madras", "Carnatic kutcheri.\nDoors open at 6 pm.", extra: new
        {
            venue_name = "The Music Academy",
            venue_address = "TTK Road, Alwarpet, a long address that keeps going to test wrapping on a narrow phone screen",
            pin_code = "600018",
        }));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await AdminConsoleBrowserTests.LaunchAsync(playwright);
        var artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);
        foreach (var width in new[] { 390, 1280 })
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 844 } });
            var response = await page.GotoAsync($"http://localhost:{port}/e/{item["id"]}");
            Assert.Equal(200, response!.Status);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
            await Expect(page.Locator("time")).ToBeVisibleAsync();
            await Expect(page.Locator("time")).ToContainTextAsync("IST");
            var poster = page.Locator("img.poster");
            await Expect(poster).ToBeVisibleAsync();
            Assert.True(await poster.EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 1200 && img.naturalHeight === 630"),
                "the preview image loaded at 1200x630");
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
                $"nothing scrolls sideways at {width} px");
            var shot = Path.Combine(artifacts, $"share-page-{Database.ToString().ToLowerInvariant()}-{width}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
            Assert.True(new FileInfo(shot).Length > 0);
            await page.CloseAsync();
        }
    }
}
