using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Events;

/// <summary>Bare dates are days in India (Site:TimeZone), and the city lists count exactly what the list shows.</summary>
public abstract class SiteTimeTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : SiteTimeTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : SiteTimeTests(f), IClassFixture<PostgresApiFactory>;

    [SkippableFact]
    public async Task A_bare_date_means_that_whole_day_in_india()
    {
        var client = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var city = Unique("Ist");
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30));
        // 00:30 on that day in India is still the previous day in UTC; 23:45 in India is that day in UTC.
        var earlyIndia = day.ToDateTime(new TimeOnly(0, 30), DateTimeKind.Utc).AddHours(-5.5);
        var lateIndia = day.ToDateTime(new TimeOnly(23, 45), DateTimeKind.Utc).AddHours(-5.5);
        var nextDayIndia = day.ToDateTime(new TimeOnly(0, 15), DateTimeKind.Utc).AddDays(1).AddHours(-5.5);
        await WithDb(async db =>
        {
            var owner = (await db.Users.FindAsync(vendor.Id))!;
            await Seed.EventAsync(db, owner, city, earlyIndia, title: "early");
            await Seed.EventAsync(db, owner, city, lateIndia, title: "late");
            await Seed.EventAsync(db, owner, city, nextDayIndia, title: "next");
        });

        var list = await Json(await client.GetAsync($"/api/events/?city={city}&date_from={day:yyyy-MM-dd}&date_to={day:yyyy-MM-dd}"));

        Assert.Equal(new[] { "early", "late" }, list["results"]!.AsArray().Select(e => (string)e!["title"]!));
    }

    [SkippableFact]
    public async Task City_lists_count_upcoming_public_events_under_the_most_frequent_spelling()
    {
        var client = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var city = Unique("Spell");
        var shouted = city.ToUpperInvariant();
        await WithDb(async db =>
        {
            var owner = (await db.Users.FindAsync(vendor.Id))!;
            await Seed.EventAsync(db, owner, city, DateTime.UtcNow.AddDays(3));
            await Seed.EventAsync(db, owner, city, DateTime.UtcNow.AddDays(4));
            await Seed.EventAsync(db, owner, shouted, DateTime.UtcNow.AddDays(5));
            await Seed.EventAsync(db, owner, shouted, DateTime.UtcNow.AddDays(-5));
            await Seed.EventAsync(db, owner, shouted, DateTime.UtcNow.AddDays(6), status: "pending");
        });

        var cities = (await Json(await client.GetAsync("/api/cities/"))).AsArray();
        var listed = (int)(await Json(await client.GetAsync($"/api/events/?city={city}")))["count"]!;

        var entry = Assert.Single(cities, c => string.Equals((string)c!["name"]!, city, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(city, (string)entry!["name"]!);
        Assert.Equal(3, (int)entry["event_count"]!);
        Assert.Equal(listed, (int)entry["event_count"]!);
    }
}
