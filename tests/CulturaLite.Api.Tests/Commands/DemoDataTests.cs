using CulturaLite.Api.Commands;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Tests.Commands;

/// <summary>The demo does not contradict itself: an event's poster shows its own title and category, and names no other city.</summary>
[Trait("Category", "Slow")]
public sealed class DemoDataTests(SqliteApiFactory factory) : ApiTest(factory), IClassFixture<SqliteApiFactory>
{
    [SkippableFact]
    public async Task Events_sharing_a_demo_poster_share_its_category()
    {
        _ = Client();
        await SeedDemoCommand.SeedAsync(Factory.Services, 120, 5, "http://localhost");

        var events = await WithDb(db => db.Events.AsNoTracking().Where(e => e.ImageUrl.Contains("/events/demo"))
            .Select(e => new { e.ImageUrl, e.Title, e.City, Category = e.Category.Name }).ToListAsync());

        Assert.True(events.Count >= 120);
        foreach (var poster in events.GroupBy(e => e.ImageUrl))
        {
            Assert.Single(poster.Select(e => e.Category).Distinct());
        }
    }

    [SkippableFact]
    public async Task Demo_vendors_have_stable_addresses_and_a_second_seeding_reuses_them()
    {
        _ = Client();
        await SeedDemoCommand.SeedAsync(Factory.Services, 20, 3, "http://localhost");
        var first = await WithDb(db => db.Users.AsNoTracking().CountAsync(u => u.Email.EndsWith("@demo.culturalite.in")));
        await SeedDemoCommand.SeedAsync(Factory.Services, 20, 4, "http://localhost");

        var demo = await WithDb(db => db.Users.AsNoTracking().Where(u => u.Email.EndsWith("@demo.culturalite.in")).Select(u => u.Email).ToListAsync());
        Assert.Contains("vendor1@demo.culturalite.in", demo);
        Assert.Contains("vendor4@demo.culturalite.in", demo);
        Assert.Equal(demo.Count, demo.Distinct().Count());
        Assert.True(demo.Count <= first + 1, $"{first} then {demo.Count}");
        var logins = await WithDb(db => SeedDemoCommand.LoginsAsync(db, CancellationToken.None));
        Assert.Equal("Demo logins (password DemoPass2026): admin@demo.culturalite.in (admin), vendor1@demo.culturalite.in (vendor), vendor2@demo.culturalite.in (vendor)", logins);
    }

    [Fact]
    public void A_demo_poster_names_its_events_title_and_category_and_no_city()
    {
        for (var theme = 0; theme < 12; theme++)
        {
            var (title, category, footer) = SeedDemoCommand.PosterFor(theme);
            Assert.False(string.IsNullOrWhiteSpace(title));
            Assert.False(string.IsNullOrWhiteSpace(category));
            Assert.DoesNotContain(CulturaLite.Api.Events.BundledCities.Load(), city => footer.Contains(city.Name, StringComparison.OrdinalIgnoreCase));
        }
    }
}
