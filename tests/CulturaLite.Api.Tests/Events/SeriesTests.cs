using System.Net;
using System.Text.Json.Nodes;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Tests.Events;

/// <summary>API.md "Recurring events and festivals": series, moderated once, each date an event of its own.</summary>
public abstract class SeriesTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : SeriesTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : SeriesTests(f), IClassFixture<PostgresApiFactory>;

    private static readonly TimeZoneInfo India = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    /// <summary>A Saturday at least a week ahead, 19:00 India time (13:30 UTC).</summary>
    private static DateTime NextSaturdayEvening(int weeksAhead = 1)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, India)).AddDays(7 * weeksAhead);
        while (today.DayOfWeek != DayOfWeek.Saturday)
        {
            today = today.AddDays(1);
        }
        return TimeZoneInfo.ConvertTimeToUtc(today.ToDateTime(new TimeOnly(19, 0)), India);
    }

    private static string Day(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, India)).ToString("yyyy-MM-dd");

    private static object SeriesBody(string title, string city, DateTime first, string rule, string[]? exdates = null) =>
        EventBody(title, city, extra: new
        {
            event_date = first.ToString("O"),
            end_date = first.AddHours(2).ToString("O"),
            recurrence = new { rule, exdates = exdates ?? [] },
        });

    private async Task<JsonNode> SubmitAsync(HttpClient vendor, object body)
    {
        var response = await vendor.PostAsync("/api/dashboard/events/", Body(body));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await Json(response);
    }

    private async Task<List<JsonNode>> PublicAsync(string query) =>
        [.. (await Json(await Client().GetAsync($"/api/events/?page_size=100&{query}")))["results"]!.AsArray().Select(i => i!)];

    [SkippableFact]
    public async Task A_weekly_series_is_moderated_once_and_each_date_is_a_public_event_at_the_same_wall_clock_time()
    {
        var (vendor, admin) = await SessionsAsync();
        var city = Unique("Natakpur");
        var first = NextSaturdayEvening();
        var head = await SubmitAsync(vendor.Client, SeriesBody(Unique("Theatre"), city, first, "FREQ=WEEKLY;BYDAY=SA;COUNT=6"));
        var id = (int)head["id"]!;
        Assert.Equal(id, (int)head["series"]!["id"]!);
        Assert.Equal(6, head["occurrences"]!.AsArray().Count);

        // One item in the dashboard and in the queue; nothing public yet.
        var dashboard = await Json(await vendor.Client.GetAsync($"/api/dashboard/events/?page_size=100"));
        Assert.Single(dashboard["results"]!.AsArray(), i => (int)i!["id"]! == id);
        Assert.DoesNotContain(dashboard["results"]!.AsArray(), i => (int?)i!["series"]?["id"] == id && (int)i!["id"]! != id);
        var queue = await Json(await admin.Client.GetAsync($"/api/admin/events/?status=pending&city={city}"));
        Assert.Equal(1, (int)queue["count"]!);
        Assert.Empty(await PublicAsync($"city={city}"));

        var notifications = await WithDb(db => db.Notifications.CountAsync(n => n.VendorId == vendor.Id));
        var emails = await WithDb(db => db.OutboxEmails.CountAsync(m => m.To == vendor.Email));
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);
        Assert.Equal(notifications + 1, await WithDb(db => db.Notifications.CountAsync(n => n.VendorId == vendor.Id)));
        Assert.Equal(emails + 1, await WithDb(db => db.OutboxEmails.CountAsync(m => m.To == vendor.Email)));

        var items = await PublicAsync($"city={city}");
        Assert.Equal(6, items.Count);
        Assert.Equal(6, items.Select(i => (int)i["id"]!).Distinct().Count());
        for (var n = 0; n < 6; n++)
        {
            var start = ((DateTime)items[n]["event_date"]!).ToUniversalTime();
            Assert.Equal(first.AddDays(7 * n), start);
            Assert.Equal(start.AddHours(2), ((DateTime)items[n]["end_date"]!).ToUniversalTime());
            var series = items[n]["series"]!;
            Assert.Equal(id, (int)series["id"]!);
            Assert.Equal("FREQ=WEEKLY;BYDAY=SA;COUNT=6", (string)series["rule"]!);
            Assert.Equal(6, (int)series["occurrence_count"]!);
            Assert.Equal(5, series["next_dates"]!.AsArray().Count);
        }
        // A date range shows every date in it, in order; ?series= lists the series; counts and search see every date.
        var range = await PublicAsync($"city={city}&date_from={Day(first.AddDays(7))}&date_to={Day(first.AddDays(21))}");
        Assert.Equal([first.AddDays(7), first.AddDays(14), first.AddDays(21)], range.Select(i => ((DateTime)i["event_date"]!).ToUniversalTime()));
        Assert.Equal(6, (await PublicAsync($"series={id}")).Count);
        var cities = (await Json(await Client().GetAsync("/api/cities/"))).AsArray();
        Assert.Equal(6, (int)cities.Single(c => (string)c!["name"]! == city)!["event_count"]!);
        // Two series on one page: each item names its own series' next dates.
        var other = await SubmitAsync(vendor.Client, SeriesBody(Unique("Other theatre"), city, first.AddHours(1), "FREQ=WEEKLY;COUNT=2"));
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, (int)other["id"]!, "approve")).StatusCode);
        var both = await PublicAsync($"city={city}");
        Assert.Equal(8, both.Count);
        Assert.All(both, i => Assert.Equal((int)i["series"]!["id"]! == id ? 5 : 2, i["series"]!["next_dates"]!.AsArray().Count));
        var third = (int)items[2]["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync($"/e/{third}")).StatusCode);
        var detail = await Json(await Client().GetAsync($"/api/events/{third}/"));
        Assert.Equal(id, (int)detail["series"]!["id"]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client().GetAsync("/api/events/?series=abc")).StatusCode);
    }

    [SkippableTheory]
    [InlineData("FREQ=WEEKLY;BYDAY=SA", "COUNT or UNTIL")]
    [InlineData("FREQ=WEEKLY;BYDAY=SA;COUNT=3;UNTIL=20991231", "COUNT or UNTIL")]
    [InlineData("FREQ=YEARLY;COUNT=2", "FREQ")]
    [InlineData("FREQ=WEEKLY;INTERVAL=0;COUNT=3", "INTERVAL")]
    [InlineData("FREQ=WEEKLY;BYDAY=2SA;COUNT=3", "BYDAY")]
    [InlineData("FREQ=MONTHLY;BYDAY=6SA;COUNT=3", "BYDAY")]
    [InlineData("FREQ=WEEKLY;BYDAY=XX;COUNT=3", "BYDAY")]
    [InlineData("FREQ=WEEKLY;BYDAY=SA;BYHOUR=10;COUNT=3", "BYHOUR")]
    [InlineData("FREQ=DAILY;COUNT=367", "COUNT")]
    [InlineData("FREQ=MONTHLY;BYDAY=1SA,2SA,3SA,4SA,5SA,-1SA;COUNT=300", "2 years")]
    [InlineData("FREQ=WEEKLY;BYDAY=SA;INTERVAL=52;UNTIL=20991231T000000Z", "2 years")]
    [InlineData("FREQ=WEEKLY;BYDAY=SU;COUNT=3", "first date")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=31;BYDAY=2SA;COUNT=3", "no date")]
    [InlineData("not a rule", "not understood")]
    public async Task A_rule_outside_the_subset_or_the_limits_is_a_field_error_on_recurrence(string rule, string says)
    {
        var (vendor, _) = await SessionsAsync();
        var response = await vendor.Client.PostAsync("/api/dashboard/events/", Body(SeriesBody(Unique("Bad"), "Pune", NextSaturdayEvening(), rule)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = string.Join(" ", (await Json(response))["details"]!["recurrence"]!.AsArray().Select(m => (string)m!));
        Assert.Contains(says, message, StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task Exdates_must_be_dates_of_the_rule_and_remove_those_dates()
    {
        var (vendor, admin) = await SessionsAsync();
        var first = NextSaturdayEvening();
        var bad = await vendor.Client.PostAsync("/api/dashboard/events/",
            Body(SeriesBody(Unique("Bad"), "Pune", first, "FREQ=WEEKLY;BYDAY=SA;COUNT=4", [Day(first.AddDays(8))])));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("not one of the rule's dates", (string)(await Json(bad))["details"]!["recurrence"]![0]!);
        var multipart = new MultipartFormDataContent
        {
            { new StringContent(Unique("Multi")), "title" }, { new StringContent("Weekly."), "description" }, { new StringContent("Pune"), "city" },
            { new StringContent(first.ToString("O")), "event_date" }, { new StringContent("music"), "category" },
            { new StringContent("https://cdn.example.com/e.jpg"), "image_url" },
            { new StringContent($"{{\"rule\": \"FREQ=WEEKLY;BYDAY=SA;COUNT=4\", \"exdates\": [\"{Day(first.AddDays(14))}\"]}}"), "recurrence" },
        };
        var created = await vendor.Client.PostAsync("/api/dashboard/events/", multipart);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var item = await Json(created);
        Assert.Equal([first, first.AddDays(7), first.AddDays(21)], item["occurrences"]!.AsArray().Select(o => ((DateTime)o!["event_date"]!).ToUniversalTime()));
        Assert.Equal([Day(first.AddDays(14))], item["series"]!["exdates"]!.AsArray().Select(d => (string)d!));
        _ = admin;
    }

    [SkippableFact]
    public async Task An_edit_of_the_series_sends_every_date_back_once_and_a_shorter_rule_keeps_the_ids_of_the_dates_that_stay()
    {
        var (vendor, admin) = await SessionsAsync();
        var city = Unique("Kathapur");
        var first = NextSaturdayEvening();
        var head = await SubmitAsync(vendor.Client, SeriesBody(Unique("Stories"), city, first, "FREQ=WEEKLY;BYDAY=SA;COUNT=5"));
        var id = (int)head["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);
        var ids = (await PublicAsync($"series={id}")).Select(i => (int)i["id"]!).ToList();

        var edit = await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { title = "Stories, retold", recurrence = new { rule = "FREQ=WEEKLY;BYDAY=SA;COUNT=3" } }));
        Assert.True(edit.StatusCode == HttpStatusCode.OK, await edit.Content.ReadAsStringAsync());
        var edited = await Json(edit);
        Assert.True(edited["status"] is not null, edited.ToJsonString());
        Assert.Equal("pending", (string)edited["status"]!);
        Assert.Equal(ids.Take(3), edited["occurrences"]!.AsArray().Select(o => (int)o!["id"]!));
        Assert.Empty(await PublicAsync($"series={id}"));
        Assert.Equal(1, (int)(await Json(await admin.Client.GetAsync($"/api/admin/events/?status=pending&city={city}")))["count"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync($"/api/events/{ids[4]}/")).StatusCode);
        Assert.False(await WithDb(db => db.Events.AnyAsync(e => e.Id == ids[4])));

        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);
        var items = await PublicAsync($"series={id}");
        Assert.Equal(ids.Take(3), items.Select(i => (int)i["id"]!));
        Assert.All(items, i => Assert.Equal("Stories, retold", (string)i["title"]!));

        // A new weekday needs the new first date; every later date follows, ids kept in order.
        var sunday = first.AddDays(8);
        var moved = await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { event_date = sunday.ToString("O"), end_date = sunday.AddHours(2).ToString("O"), recurrence = new { rule = "FREQ=WEEKLY;BYDAY=SU;COUNT=3" } }));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var dates = (await Json(moved))["occurrences"]!.AsArray();
        Assert.Equal(ids.Take(3), dates.Select(o => (int)o!["id"]!));
        Assert.Equal([sunday, sunday.AddDays(7), sunday.AddDays(14)], dates.Select(o => ((DateTime)o!["event_date"]!).ToUniversalTime()));
        var wrongDay = await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { recurrence = new { rule = "FREQ=WEEKLY;BYDAY=MO;COUNT=3" } }));
        Assert.Equal(HttpStatusCode.BadRequest, wrongDay.StatusCode);
    }

    [SkippableFact]
    public async Task One_date_moves_alone_without_review_and_a_decision_on_it_names_the_series()
    {
        var (vendor, admin) = await SessionsAsync();
        var first = NextSaturdayEvening();
        var head = await SubmitAsync(vendor.Client, SeriesBody(Unique("Raga"), Unique("Ragapur"), first, "FREQ=WEEKLY;BYDAY=SA;COUNT=3"));
        var id = (int)head["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);
        var second = (int)head["occurrences"]![1]!["id"]!;

        var later = first.AddDays(8).AddHours(1);
        var move = await vendor.Client.PatchAsync($"/api/dashboard/events/{second}/", Body(new { event_date = later.ToString("O"), end_date = later.AddHours(2).ToString("O") }));
        Assert.Equal(HttpStatusCode.OK, move.StatusCode);
        Assert.Equal("approved", (string)(await Json(move))["status"]!);
        var items = await PublicAsync($"series={id}");
        Assert.Equal([first, later, first.AddDays(14)], items.Select(i => ((DateTime)i["event_date"]!).ToUniversalTime()));

        var text = await vendor.Client.PatchAsync($"/api/dashboard/events/{second}/", Body(new { title = "Only this one" }));
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.True((await Json(text))["details"]!.AsObject().ContainsKey("series"));

        var version = (int)(await Json(await admin.Client.GetAsync($"/api/admin/events/{second}/")))["version"]!;
        var decide = await admin.Client.PostAsync($"/api/admin/events/{second}/reject/", Body(new { version, reason = "No." }));
        Assert.Equal(HttpStatusCode.Conflict, decide.StatusCode);

        // A status action is for that date alone.
        Assert.Equal(HttpStatusCode.OK, (await vendor.Client.PostAsync($"/api/dashboard/events/{second}/cancel/", Body(new { }))).StatusCode);
        Assert.Equal("cancelled", (string)(await Json(await Client().GetAsync($"/api/events/{second}/")))["event_status"]!);
        Assert.Equal(2, (await PublicAsync($"series={id}")).Count);

        // The series' calendar: the rule, and the moved and cancelled date as an override.
        var ics = await (await Client().GetAsync($"/api/series/{id}/ics")).Content.ReadAsStringAsync();
        Assert.Contains("RRULE:FREQ=WEEKLY;", ics);
        Assert.Contains("RECURRENCE-ID;TZID=Asia/Kolkata:" + TimeZoneInfo.ConvertTimeFromUtc(first.AddDays(7), India).ToString("yyyyMMdd'T'HHmmss"), ics);
        Assert.Contains("STATUS:CANCELLED", ics);
        // The series' page of dates shows the cancelled one with its status, as the detail and the feeds do.
        var series = await Json(await Client().GetAsync($"/api/series/{id}/"));
        Assert.Equal(["scheduled", "cancelled", "scheduled"], series["occurrences"]!.AsArray().Select(o => (string)o!["event_status"]!));
        Assert.Equal(2, series["next_dates"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync("/api/series/999999/")).StatusCode);
    }

    [SkippableFact]
    public async Task Deleting_one_date_skips_its_day_and_deleting_the_first_deletes_the_series()
    {
        var (vendor, admin) = await SessionsAsync();
        var first = NextSaturdayEvening();
        var head = await SubmitAsync(vendor.Client, SeriesBody(Unique("Dance"), Unique("Nrityapur"), first, "FREQ=WEEKLY;BYDAY=SA;COUNT=3"));
        var id = (int)head["id"]!;
        var last = (int)head["occurrences"]![2]!["id"]!;
        Assert.Equal(HttpStatusCode.NoContent, (await vendor.Client.DeleteAsync($"/api/dashboard/events/{last}/")).StatusCode);
        var item = await Json(await vendor.Client.GetAsync($"/api/dashboard/events/{id}/"));
        Assert.Equal([Day(first.AddDays(14))], item["series"]!["exdates"]!.AsArray().Select(d => (string)d!));
        Assert.Equal(2, item["occurrences"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.NoContent, (await vendor.Client.DeleteAsync($"/api/dashboard/events/{id}/")).StatusCode);
        Assert.False(await WithDb(db => db.Events.AnyAsync(e => e.SeriesId == id)));
        Assert.False(await WithDb(db => db.EventSeries.AnyAsync(s => s.Id == id)));
        _ = admin;
    }

    [SkippableFact]
    public async Task Bulk_approval_counts_a_series_once_and_a_deactivated_vendors_series_leaves_the_public_at_once()
    {
        var vendor = await Sessions.SignInAsync(Factory);
        var (_, admin) = await SessionsAsync();
        var city = Unique("Utsavpur");
        var head = await SubmitAsync(vendor.Client, SeriesBody(Unique("Utsav"), city, NextSaturdayEvening(), "FREQ=DAILY;COUNT=10"));
        var id = (int)head["id"]!;
        var version = (int)(await Json(await admin.Client.GetAsync($"/api/admin/events/{id}/")))["version"]!;
        var bulk = await Json(await admin.Client.PostAsync("/api/admin/events/bulk/", Body(new { action = "approve", events = new[] { new { id, version } } })));
        Assert.Equal("approved", (string)bulk["results"]![0]!["outcome"]!);
        Assert.Equal(1, await WithDb(db => db.Notifications.CountAsync(n => n.VendorId == vendor.Id)));
        Assert.Equal(10, (await PublicAsync($"city={city}")).Count);

        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/admin/users/{vendor.Id}/deactivate/", null)).StatusCode);
        Assert.Empty(await PublicAsync($"city={city}"));
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync($"/api/series/{id}/")).StatusCode);
    }

    [SkippableFact]
    public async Task An_edit_keeps_past_dates_and_dates_moved_alone_and_follows_the_rule_for_the_rest()
    {
        var (vendor, admin) = await SessionsAsync();
        var first = NextSaturdayEvening();
        var head = await SubmitAsync(vendor.Client, SeriesBody(Unique("Baithak"), Unique("Baithakpur"), first, "FREQ=WEEKLY;BYDAY=SA;COUNT=5"));
        var id = (int)head["id"]!;
        var dates = head["occurrences"]!.AsArray().Select(o => (int)o!["id"]!).ToList();
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);
        // The second date has passed (as if weeks went by); the third is moved alone by an hour.
        await WithDb(async db =>
        {
            var past = await db.Events.SingleAsync(e => e.Id == dates[1]);
            db.Entry(past).Property(e => e.EventDate).CurrentValue = DateTime.UtcNow.AddDays(-1);
            await db.SaveChangesAsync();
        });
        var moved = first.AddDays(14).AddHours(1);
        Assert.Equal(HttpStatusCode.OK, (await vendor.Client.PatchAsync($"/api/dashboard/events/{dates[2]}/",
            Body(new { event_date = moved.ToString("O"), end_date = moved.AddHours(2).ToString("O") }))).StatusCode);

        var edit = await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { title = "Baithak, weekly", recurrence = new { rule = "FREQ=WEEKLY;BYDAY=SA;COUNT=4" } }));
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var after = await WithDb(db => db.Events.Where(e => e.SeriesId == id).OrderBy(e => e.Id).Select(e => new { e.Id, e.Title, e.EventDate, e.Status }).ToListAsync());
        // The past date stays (history), the moved date stays moved, the fifth date is gone; all follow the text and go back to review.
        Assert.Equal(dates.Take(4), after.Select(e => e.Id));
        Assert.True(after[1].EventDate < DateTime.UtcNow);
        Assert.Equal(moved, after[2].EventDate);
        Assert.Equal(first.AddDays(21), after[3].EventDate);
        Assert.All(after, e => Assert.Equal(("Baithak, weekly", "pending"), (e.Title, e.Status)));
        Assert.Equal(4, (int)(await Json(await vendor.Client.GetAsync($"/api/dashboard/events/{id}/")))["series"]!["occurrence_count"]!);
    }

    [SkippableFact]
    public async Task Rejecting_a_reported_date_rejects_the_series_whose_text_it_shares()
    {
        var (vendor, admin) = await SessionsAsync();
        var head = await SubmitAsync(vendor.Client, SeriesBody(Unique("Scam"), Unique("Thagpur"), NextSaturdayEvening(), "FREQ=WEEKLY;COUNT=3"));
        var id = (int)head["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);
        var second = (int)head["occurrences"]![1]!["id"]!;
        Assert.Equal(HttpStatusCode.Accepted, (await Client().PostAsync($"/api/events/{second}/report/", Body(new { reason = "scam" }))).StatusCode);
        var resolve = await admin.Client.PostAsync($"/api/admin/events/{second}/reports/resolve/", Body(new { action = "reject", reason = "A scam." }));
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        Assert.Equal(["rejected"], (await WithDb(db => db.Events.Where(e => e.SeriesId == id).Select(e => e.Status).Distinct().ToListAsync())));
        Assert.Empty(await PublicAsync($"series={id}"));
    }
}
