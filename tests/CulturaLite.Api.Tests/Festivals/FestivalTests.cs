using System.Net;
using System.Text.Json.Nodes;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Tests.Festivals;

/// <summary>API.md "Recurring events and festivals": festivals, moderated like events, with vendors' events inside.</summary>
public abstract class FestivalTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : FestivalTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : FestivalTests(f), IClassFixture<PostgresApiFactory>;

    private static string Day(int days) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"))).AddDays(days).ToString("yyyy-MM-dd");

    private static object FestivalBody(string title, string city, int fromDays = 10, int toDays = 20, object? extra = null)
    {
        var body = new JsonObject
        {
            ["title"] = title,
            ["description"] = "Nine nights of garba and dandiya.",
            ["city"] = city,
            ["start_date"] = Day(fromDays),
            ["end_date"] = Day(toDays),
            ["image_url"] = "https://cdn.example.com/f.jpg",
        };
        if (extra is not null)
        {
            foreach (var (key, value) in System.Text.Json.JsonSerializer.SerializeToNode(extra, JsonOptions)!.AsObject())
            {
                body[key] = value?.DeepClone();
            }
        }
        return body;
    }

    private async Task<JsonNode> ApprovedFestivalAsync(Session vendor, Session admin, string city, int fromDays = 10, int toDays = 20)
    {
        var created = await vendor.Client.PostAsync("/api/dashboard/festivals/", Body(FestivalBody(Unique("Navratri"), city, fromDays, toDays)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var festival = await Json(created);
        var approve = await admin.Client.PostAsync($"/api/admin/festivals/{festival["id"]}/approve/", Body(new { version = (int)festival["version"]! }));
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        return await Json(approve);
    }

    private static string LdJson(string html)
    {
        const string open = "<script type=\"application/ld+json\">";
        var start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        return html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)];
    }

    [SkippableFact]
    public async Task A_festival_is_moderated_like_an_event_with_one_notification_and_one_email()
    {
        var vendor = await Sessions.SignInAsync(Factory);
        var (_, admin) = await SessionsAsync();
        var city = Unique("Garbapur");
        var created = await vendor.Client.PostAsync("/api/dashboard/festivals/", Body(FestivalBody(Unique("Navratri"), city, extra: new { website = "https://navratri.example.com", status = "approved" })));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var festival = await Json(created);
        var id = (int)festival["id"]!;
        Assert.Equal("pending", (string)festival["status"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync($"/api/festivals/{id}/")).StatusCode);
        var queue = await Json(await admin.Client.GetAsync($"/api/admin/festivals/?status=pending&city={city}"));
        Assert.Equal(1, (int)queue["count"]!);

        var stale = await admin.Client.PostAsync($"/api/admin/festivals/{id}/approve/", Body(new { version = (int)festival["version"]! + 5 }));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(id, (int)(await Json(stale))["festival"]!["id"]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Client.PostAsync($"/api/admin/festivals/{id}/approve/", Body(new { }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Client.PostAsync($"/api/admin/festivals/{id}/reject/", Body(new { version = (int)festival["version"]! }))).StatusCode);

        var approve = await admin.Client.PostAsync($"/api/admin/festivals/{id}/approve/", Body(new { version = (int)festival["version"]! }));
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        var again = await admin.Client.PostAsync($"/api/admin/festivals/{id}/approve/", Body(new { version = (int)(await Json(approve))["version"]! }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1, await WithDb(db => db.Notifications.CountAsync(n => n.VendorId == vendor.Id)));
        Assert.Equal(1, await WithDb(db => db.OutboxEmails.CountAsync(m => m.To == vendor.Email && m.Subject.Contains("festival"))));
        var notification = (await Json(await vendor.Client.GetAsync("/api/notifications/")))["results"]![0]!;
        Assert.Null(notification["event"]);
        Assert.Equal(id, (int)notification["festival"]!["id"]!);

        var item = await Json(await Client().GetAsync($"/api/festivals/{id}/"));
        Assert.Equal(0, (int)item["event_count"]!);
        Assert.NotNull(item["date_range"]!["start"]);
        Assert.NotNull(item["organizer"]!["slug"]);
        Assert.EndsWith($"/f/{id}", (string)item["share_url"]!);
        var list = await Json(await Client().GetAsync($"/api/festivals/?city={city}"));
        Assert.Equal([id], list["results"]!.AsArray().Select(f => (int)f!["id"]!));

        // An edit sends it back to review; a deactivated vendor's festival leaves the public at once.
        Assert.Equal(HttpStatusCode.OK, (await vendor.Client.PatchAsync($"/api/dashboard/festivals/{id}/", Body(new { title = "Navratri, renamed" }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync($"/api/festivals/{id}/")).StatusCode);
        var version = (int)(await Json(await admin.Client.GetAsync($"/api/admin/festivals/{id}/")))["version"]!;
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/admin/festivals/{id}/approve/", Body(new { version }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/admin/users/{vendor.Id}/deactivate/", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync($"/api/festivals/{id}/")).StatusCode);
        Assert.Empty((await Json(await Client().GetAsync($"/api/festivals/?city={city}")))["results"]!.AsArray());
    }

    [SkippableTheory]
    [InlineData(10, 80, "end_date")]
    [InlineData(10, 5, "end_date")]
    [InlineData(-30, -20, "end_date")]
    public async Task A_festival_over_60_days_ending_before_it_starts_or_already_over_is_a_field_error(int from, int to, string field)
    {
        var (vendor, _) = await SessionsAsync();
        var response = await vendor.Client.PostAsync("/api/dashboard/festivals/", Body(FestivalBody(Unique("Long"), "Pune", from, to)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json(response))["details"]!.AsObject().ContainsKey(field));
    }

    [Fact]
    public async Task A_festivals_event_cannot_move_outside_the_festival()
    {
        var (vendor, admin) = await SessionsAsync();
        var city = Unique("Utsavpur");
        var festival = await ApprovedFestivalAsync(vendor, admin, city, 10, 20);
        var id = (int)festival["id"]!;
        var created = await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Dandiya"), city, inDays: 12, extra: new { festival = id })));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var eventId = (int)(await Json(created))["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, eventId, "approve")).StatusCode);

        // A status action's reschedule, past the festival's end: refused, and nothing changed.
        var late = await vendor.Client.PostAsync($"/api/dashboard/events/{eventId}/reschedule/", Body(new { event_date = DateTime.UtcNow.AddDays(30).ToString("O") }));
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("festival", (string)(await Json(late))["details"]!["event_date"]![0]!);
        var item = await Json(await Client().GetAsync($"/api/events/{eventId}/"));
        Assert.Equal("scheduled", (string)item["event_status"]!);
        Assert.Equal(id, (int)item["festival"]!["id"]!);
        // Within the festival it moves.
        var within = await vendor.Client.PostAsync($"/api/dashboard/events/{eventId}/reschedule/", Body(new { event_date = DateTime.UtcNow.AddDays(14).ToString("O") }));
        Assert.Equal(HttpStatusCode.OK, within.StatusCode);

        // One date of a series moved alone, past the festival's end: refused too.
        var series = await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Garba"), city, extra: new
        {
            festival = id,
            event_date = DateTime.UtcNow.AddDays(11).ToString("O"),
            recurrence = new { rule = "FREQ=DAILY;COUNT=3" },
        })));
        Assert.Equal(HttpStatusCode.Created, series.StatusCode);
        var head = await Json(series);
        var second = (int)head["occurrences"]![1]!["id"]!;
        var moved = await vendor.Client.PatchAsync($"/api/dashboard/events/{second}/", Body(new { event_date = DateTime.UtcNow.AddDays(25).ToString("O") }));
        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
    }

    [SkippableFact]
    public async Task Vendors_attach_their_events_within_the_dates_and_only_the_festivals_vendor_or_an_admin_detaches_them()
    {
        var owner = await Sessions.SignInAsync(Factory);
        var (other, admin) = await SessionsAsync();
        var city = Unique("Pandalpur");
        var festival = await ApprovedFestivalAsync(owner, admin, city);
        var id = (int)festival["id"]!;

        var inside = await other.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Garba night"), city, inDays: 12, extra: new { festival = id })));
        Assert.Equal(HttpStatusCode.Created, inside.StatusCode);
        var e = await Json(inside);
        Assert.Equal(id, (int)e["festival"]!["id"]!);
        var outside = await other.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Too late"), city, inDays: 40, extra: new { festival = id })));
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.True((await Json(outside))["details"]!.AsObject().ContainsKey("festival"));
        Assert.Equal(HttpStatusCode.BadRequest, (await other.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("No such"), city, inDays: 12, extra: new { festival = 99999999 })))).StatusCode);

        // A pending festival takes no events.
        var pending = await Json(await owner.Client.PostAsync("/api/dashboard/festivals/", Body(FestivalBody(Unique("Pending"), city))));
        var refused = await other.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Early"), city, inDays: 12, extra: new { festival = (int)pending["id"]! })));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("not approved", (string)(await Json(refused))["details"]!["festival"]![0]!);

        var eventId = (int)e["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, eventId, "approve")).StatusCode);
        var listed = await Json(await Client().GetAsync($"/api/events/?festival={id}"));
        Assert.Equal([eventId], listed["results"]!.AsArray().Select(i => (int)i!["id"]!));
        Assert.Equal(id, (int)listed["results"]![0]!["festival"]!["id"]!);
        Assert.Equal(1, (int)(await Json(await Client().GetAsync($"/api/festivals/{id}/")))["event_count"]!);
        Assert.Contains("BEGIN:VEVENT", await (await Client().GetAsync($"/api/events/feed.ics?festival={id}")).Content.ReadAsStringAsync());

        // The festival's page names its events as subEvent; the event's page names the festival as superEvent; the sitemap lists it.
        var page = await (await Client().GetAsync($"/f/{id}")).Content.ReadAsStringAsync();
        var festivalLd = System.Text.Json.Nodes.JsonNode.Parse(LdJson(page))!;
        Assert.Equal("Event", (string)festivalLd["@type"]!);
        Assert.Equal((string)e["title"]!, (string)festivalLd["subEvent"]![0]!["name"]!);
        Assert.Contains($"og:url\" content=\"http://localhost/f/{id}\"", page);
        var eventLd = System.Text.Json.Nodes.JsonNode.Parse(LdJson(await (await Client().GetAsync($"/e/{eventId}")).Content.ReadAsStringAsync()))!;
        Assert.EndsWith($"/f/{id}", (string)eventLd["superEvent"]!["url"]!);
        Assert.Contains($"/f/{id}</loc>", await (await Client().GetAsync("/sitemap.xml")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync($"/f/{(int)pending["id"]!}")).StatusCode);

        // Another vendor (the event's own included) cannot detach; the festival's vendor can.
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.DeleteAsync($"/api/dashboard/festivals/{id}/events/{eventId}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/dashboard/festivals/{id}/events/{eventId}/")).StatusCode);
        Assert.Empty((await Json(await Client().GetAsync($"/api/events/?festival={id}")))["results"]!.AsArray());
        var detached = await Json(await Client().GetAsync($"/api/events/{eventId}/"));
        Assert.Null(detached["festival"]);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.DeleteAsync($"/api/dashboard/festivals/{id}/events/{eventId}/")).StatusCode);
    }

    [SkippableFact]
    public async Task A_series_is_attached_with_every_date_and_an_admin_detaches_it_whole()
    {
        var owner = await Sessions.SignInAsync(Factory);
        var (vendor, admin) = await SessionsAsync();
        var city = Unique("Navpur");
        var festival = await ApprovedFestivalAsync(owner, admin, city, 10, 25);
        var id = (int)festival["id"]!;
        var start = DateTime.UtcNow.AddDays(12);
        var tooLong = await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Nights"), city, extra: new
        {
            event_date = start.ToString("O"),
            festival = id,
            recurrence = new { rule = "FREQ=DAILY;COUNT=20" },
        })));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var created = await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Nights"), city, extra: new
        {
            event_date = start.ToString("O"),
            festival = id,
            recurrence = new { rule = "FREQ=DAILY;COUNT=9" },
        })));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var head = (int)(await Json(created))["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, head, "approve")).StatusCode);
        Assert.Equal(9, (int)(await Json(await Client().GetAsync($"/api/events/?festival={id}")))["count"]!);
        var third = await WithDb(db => db.Events.Where(e => e.SeriesId == head).OrderBy(e => e.EventDate).Skip(2).Select(e => e.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync($"/api/admin/festivals/{id}/events/{third}/")).StatusCode);
        Assert.Equal(0, (int)(await Json(await Client().GetAsync($"/api/events/?festival={id}")))["count"]!);
    }
}
