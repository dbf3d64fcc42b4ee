using CulturaLite.Api.Events;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Tests.Events;

/// <summary>
/// "Near me" looks for a page among the next events by date first (PublicListing.Window): the page is the same
/// whether the window holds it (a busy city) or not (a place whose events come after many others elsewhere).
/// </summary>
public abstract class NearWindowTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : NearWindowTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : NearWindowTests(f), IClassFixture<PostgresApiFactory>;

    [Fact]
    public async Task A_circle_lists_the_same_events_whether_or_not_the_window_holds_its_page()
    {
        // A window of page_size 2 holds 500 events: 520 events elsewhere come first, then three in a village's circle;
        // the busy town's circle has its first events at the front.
        var (start, (busyLat, busyLon), (villageLat, villageLon)) = (DateTime.UtcNow.AddDays(40), (22.30 + Random.Shared.NextDouble(), 70.80), (24.60, 70.80 + Random.Shared.NextDouble()));
        var (busy, village) = await WithDb(async db =>
        {
            var vendor = await Seed.UserAsync(db);
            var category = await Seed.CategoryAsync(db, "music");
            var admin = await Seed.UserAsync(db, admin: true);
            Event At(double lat, double lon, DateTime date, string title)
            {
                var e = Event.Submit(vendor.Id, new EventDetails(title, "Near.", "Rajkot", date, category.Id, "https://cdn.example.com/e.jpg", null, null)
                {
                    Venue = new EventVenue(null, null, null, null, lat, lon),
                }, DateTime.UtcNow);
                e.Approve(admin.Id, DateTime.UtcNow);
                return e;
            }
            var busy = Enumerable.Range(0, 520).Select(i => At(busyLat + (i % 7) * 0.001, busyLon, start.AddMinutes(i), $"Busy {i}")).ToList();
            var village = Enumerable.Range(0, 3).Select(i => At(villageLat, villageLon + i * 0.001, start.AddDays(2).AddMinutes(i), $"Village {i}")).ToList();
            db.Events.AddRange(busy);
            db.Events.AddRange(village);
            await db.SaveChangesAsync();
            return (busy.Select(e => e.Id).ToList(), village.Select(e => e.Id).ToList());
        });
        string Near(double lat, double lon) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"near={lat},{lon}&radius_km=2&date_from={start.AddDays(-1):yyyy-MM-dd}");

        // The village's events are past the window: read from the circle itself.
        var first = await Json(await Client().GetAsync($"/api/events/?{Near(villageLat, villageLon)}&page_size=2"));
        Assert.Equal(3, (int)first["count"]!);
        Assert.Equal(village.Take(2), first["results"]!.AsArray().Select(r => (int)r!["id"]!));
        var second = await Json(await Client().GetAsync((string)first["next"]!));
        Assert.Equal(village.Skip(2), second["results"]!.AsArray().Select(r => (int)r!["id"]!));

        // The town's are in the window: the same order as the whole circle.
        var town = await Json(await Client().GetAsync($"/api/events/?{Near(busyLat, busyLon)}&page_size=2&page=3"));
        Assert.Equal(520, (int)town["count"]!);
        Assert.Equal(busy.Skip(4).Take(2), town["results"]!.AsArray().Select(r => (int)r!["id"]!));
        var nearest = await Json(await Client().GetAsync($"/api/events/?{Near(villageLat, villageLon)}&page_size=2&ordering=-event_date"));
        Assert.Equal(village.AsEnumerable().Reverse().Take(2), nearest["results"]!.AsArray().Select(r => (int)r!["id"]!));
    }
}
