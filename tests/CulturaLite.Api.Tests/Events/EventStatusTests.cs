using System.Net;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Tests.Events;

/// <summary>API.md "Event facts": an approved event's status actions, by its vendor, without review.</summary>
public abstract class EventStatusTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : EventStatusTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : EventStatusTests(f), IClassFixture<PostgresApiFactory>;

    private async Task<List<int>> PublicIdsAsync(string city, string extra = "") =>
        [.. (await Json(await Client().GetAsync($"/api/events/?city={city}{extra}")))["results"]!.AsArray().Select(i => (int)i!["id"]!)];

    [SkippableFact]
    public async Task A_cancelled_event_leaves_the_default_list_at_once_and_stays_readable_with_its_status()
    {
        var (vendor, admin) = await SessionsAsync();
        var city = Unique("Cancelpur");
        var id = (int)(await PublishAsync(EventBody(Unique("Concert"), city)))["id"]!;
        var other = (int)(await PublishAsync(EventBody(Unique("Other"), city, inDays: 10)))["id"]!;
        Assert.Equal([id, other], await PublicIdsAsync(city));
        var notifications = await WithDb(db => db.Notifications.CountAsync());

        var response = await vendor.Client.PostAsync($"/api/dashboard/events/{id}/cancel/", Body(new { reason = "The artist is unwell." }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = await Json(response);
        Assert.Equal("cancelled", (string)item["event_status"]!);
        Assert.Equal("The artist is unwell.", (string)item["status_reason"]!);
        Assert.Equal("approved", (string)item["status"]!);

        Assert.Equal([other], await PublicIdsAsync(city));
        Assert.Equal(1, (int)(await Json(await Client().GetAsync($"/api/events/?city={city}")))["count"]!);
        Assert.Equal([other], await PublicIdsAsync(city, "&search=evening"));
        Assert.Equal([id, other], await PublicIdsAsync(city, "&include_cancelled=true"));
        Assert.Equal([id], await PublicIdsAsync(city, "&event_status=cancelled"));
        Assert.Equal([other], await PublicIdsAsync(city, "&event_status=scheduled"));
        var detail = await Json(await Client().GetAsync($"/api/events/{id}/"));
        Assert.Equal("cancelled", (string)detail["event_status"]!);
        var count = (await Json(await Client().GetAsync("/api/cities/"))).AsArray().Single(c => (string)c!["name"]! == city)!;
        Assert.Equal(1, (int)count["event_count"]!);

        Assert.Equal(notifications, await WithDb(db => db.Notifications.CountAsync()));
        Assert.True(await WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == "event.cancel" && a.TargetId == id)));
        var history = await Json(await admin.Client.GetAsync($"/api/admin/events/{id}/history/"));
        Assert.Empty(history["changes"]!.AsArray());

        var again = await vendor.Client.PostAsync($"/api/dashboard/events/{id}/cancel/", Body(new { }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var moved = await vendor.Client.PostAsync($"/api/dashboard/events/{id}/reschedule/", Body(new { event_date = DateTime.UtcNow.AddDays(20).ToString("O") }));
        Assert.Equal(HttpStatusCode.Conflict, moved.StatusCode);
    }

    [SkippableFact]
    public async Task A_reschedule_keeps_the_earlier_start_and_the_duration_without_review()
    {
        var (vendor, _) = await SessionsAsync();
        var start = DateTime.UtcNow.AddDays(9);
        var item = await PublishAsync(EventBody(Unique("Moved"), extra: new { end_date = start.AddHours(3).ToString("O"), event_date = start.ToString("O") }));
        var id = (int)item["id"]!;
        var first = (DateTime)item["event_date"]!;
        var newStart = new DateTime(DateTime.UtcNow.Year + 1, 1, 26, 13, 30, 0, DateTimeKind.Utc);

        var response = await vendor.Client.PostAsync($"/api/dashboard/events/{id}/reschedule/", Body(new { event_date = newStart.ToString("O") }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var moved = await Json(response);
        Assert.Equal("rescheduled", (string)moved["event_status"]!);
        Assert.Equal("approved", (string)moved["status"]!);
        Assert.Equal(newStart, ((DateTime)moved["event_date"]!).ToUniversalTime());
        Assert.Equal(newStart.AddHours(3), ((DateTime)moved["end_date"]!).ToUniversalTime());
        Assert.Equal([first.ToUniversalTime()], moved["previous_start_dates"]!.AsArray().Select(d => ((DateTime)d!).ToUniversalTime()));
        var detail = await Json(await Client().GetAsync($"/api/events/{id}/"));
        Assert.Equal("rescheduled", (string)detail["event_status"]!);
        Assert.Single(detail["previous_start_dates"]!.AsArray());

        var past = await vendor.Client.PostAsync($"/api/dashboard/events/{id}/reschedule/", Body(new { event_date = DateTime.UtcNow.AddDays(-1).ToString("O") }));
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.True((await Json(past))["details"]!.AsObject().ContainsKey("event_date"));
        var missing = await vendor.Client.PostAsync($"/api/dashboard/events/{id}/reschedule/", Body(new { }));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var badEnd = await vendor.Client.PostAsync($"/api/dashboard/events/{id}/reschedule/",
            Body(new { event_date = newStart.AddDays(1).ToString("O"), end_date = newStart.ToString("O") }));
        Assert.True((await Json(badEnd))["details"]!.AsObject().ContainsKey("end_date"));
    }

    [SkippableFact]
    public async Task Postponing_and_moving_online_are_visible_at_once_and_audited()
    {
        var (vendor, _) = await SessionsAsync();
        var id = (int)(await PublishAsync(EventBody(Unique("Postponed"))))["id"]!;
        var postponed = await Json(await vendor.Client.PostAsync($"/api/dashboard/events/{id}/postpone/", Body(new { reason = "Monsoon flooding." })));
        Assert.Equal("postponed", (string)postponed["event_status"]!);
        Assert.Equal("postponed", (string)(await Json(await Client().GetAsync($"/api/events/{id}/")))["event_status"]!);

        var bad = await vendor.Client.PostAsync($"/api/dashboard/events/{id}/move-online/", Body(new { online_url = "not a url" }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await Json(bad))["details"]!.AsObject().ContainsKey("online_url"));
        var online = await Json(await vendor.Client.PostAsync($"/api/dashboard/events/{id}/move-online/", Body(new { online_url = "https://stream.example.com/live" })));
        Assert.Equal("moved_online", (string)online["event_status"]!);
        Assert.Equal("online", (string)online["attendance_mode"]!);
        Assert.Equal("https://stream.example.com/live", (string)online["online_url"]!);
        Assert.True(await WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == "event.postpone" && a.TargetId == id)));
        Assert.True(await WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == "event.move_online" && a.TargetId == id)));
    }

    [SkippableFact]
    public async Task A_status_action_on_a_pending_or_another_vendors_event_is_not_found()
    {
        var (vendor, _) = await SessionsAsync();
        var pending = (int)(await Json(await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Pending"))))))["id"]!;
        var approved = (int)(await PublishAsync(EventBody(Unique("Mine"))))["id"]!;
        var (_, _, login) = await RegisterAndLoginAsync();
        var stranger = Client((string)login["access"]!);
        foreach (var action in new[] { "cancel", "postpone", "reschedule", "move-online" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await vendor.Client.PostAsync($"/api/dashboard/events/{pending}/{action}/", Body(new { }))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/dashboard/events/{approved}/{action}/", Body(new { }))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client().PostAsync($"/api/dashboard/events/{approved}/cancel/", Body(new { }))).StatusCode);
        Assert.Equal("scheduled", (string)(await Json(await Client().GetAsync($"/api/events/{approved}/")))["event_status"]!);
    }

    [SkippableFact]
    public async Task A_malformed_status_filter_is_a_field_error()
    {
        foreach (var query in new[] { "event_status=maybe", "include_cancelled=perhaps" })
        {
            var response = await Client().GetAsync($"/api/events/?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await Json(response))["details"]!.AsObject().ContainsKey(query.Split('=')[0]));
        }
    }
}
