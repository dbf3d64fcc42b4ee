using System.Net;
using System.Text.Json.Nodes;
using CulturaLite.Api.Moderation;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Tests.Moderation;

/// <summary>API.md "Moderation tools": bulk decisions, reason templates, trusted vendors and the audit log.</summary>
public abstract class ModerationToolsTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : ModerationToolsTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : ModerationToolsTests(f), IClassFixture<PostgresApiFactory>;

    private async Task<JsonNode> SubmitAsync(string? title = null)
    {
        var (vendor, _) = await SessionsAsync();
        var response = await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(title ?? Unique("Bulk"))));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await Json(response);
    }

    private Task<int> NotificationsAsync(int eventId) => WithDb(db => db.Notifications.CountAsync(n => n.EventId == eventId));

    [SkippableFact]
    public async Task Bulk_decisions_report_an_outcome_per_event()
    {
        var (_, admin) = await SessionsAsync();
        var a = await SubmitAsync();
        var b = await SubmitAsync();
        var stale = await SubmitAsync();
        var done = await PublishAsync(EventBody(Unique("Done")));
        var response = await admin.Client.PostAsync("/api/admin/events/bulk/", Body(new
        {
            action = "approve",
            events = new object[]
            {
                new { id = (int)a["id"]!, version = (int)a["version"]! },
                new { id = (int)b["id"]!, version = (int)b["version"]! },
                new { id = (int)stale["id"]!, version = (int)stale["version"]! + 7 },
                new { id = (int)done["id"]!, version = await VersionAsync(admin.Client, (int)done["id"]!) },
                new { id = 99999999, version = 1 },
            },
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await Json(response))["results"]!.AsArray().Select(r => ((int)r!["id"]!, (string)r["outcome"]!)).ToList();
        Assert.Equal([((int)a["id"]!, "approved"), ((int)b["id"]!, "approved"), ((int)stale["id"]!, "conflict"), ((int)done["id"]!, "unchanged"), (99999999, "not_found")], results);
        Assert.Equal(1, await NotificationsAsync((int)a["id"]!));
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync($"/api/events/{a["id"]}/")).StatusCode);
    }

    [SkippableFact]
    public async Task Parallel_bulk_and_single_decisions_make_one_notification_per_change()
    {
        var (_, admin) = await SessionsAsync();
        var events = new List<JsonNode>();
        for (var i = 0; i < 6; i++)
        {
            events.Add(await SubmitAsync());
        }
        var refs = events.Select(e => new { id = (int)e["id"]!, version = (int)e["version"]! }).ToArray();
        var bulk = Enumerable.Range(0, 3).Select(_ => admin.Client.PostAsync("/api/admin/events/bulk/", Body(new { action = "approve", events = refs })));
        var singles = events.Select(e => admin.Client.PostAsync($"/api/admin/events/{e["id"]}/approve/", Body(new { version = (int)e["version"]! })));
        var all = await Task.WhenAll(bulk.Concat(singles));
        Assert.All(all, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        foreach (var e in events)
        {
            Assert.Equal(1, await NotificationsAsync((int)e["id"]!));
        }
    }

    [SkippableFact]
    public async Task A_bulk_of_100_events_makes_100_notifications_and_100_emails()
    {
        var (_, admin) = await SessionsAsync();
        var tag = Unique("Hundred");
        var events = new List<JsonNode>();
        foreach (var chunk in Enumerable.Range(0, ModerationDecisions.MaxBulk).Chunk(4))
        {
            events.AddRange(await Task.WhenAll(chunk.Select(i => SubmitAsync($"{tag} {i}"))));
        }
        var ids = events.Select(e => (int)e["id"]!).ToList();
        var response = await admin.Client.PostAsync("/api/admin/events/bulk/", Body(new
        {
            action = "approve",
            events = events.Select(e => new { id = (int)e["id"]!, version = (int)e["version"]! }),
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcomes = (await Json(response))["results"]!.AsArray().Select(r => (string)r!["outcome"]!).ToList();
        Assert.Equal(Enumerable.Repeat("approved", 100), outcomes);
        Assert.Equal(100, await WithDb(db => db.Notifications.CountAsync(n => n.EventId != null && ids.Contains(n.EventId.Value))));
        Assert.Equal(100, await WithDb(db => db.OutboxEmails.CountAsync(m => m.Subject.Contains(tag))));
        Assert.Equal(100, await WithDb(db => db.Events.CountAsync(e => ids.Contains(e.Id) && e.Status == "approved")));
    }

    [SkippableTheory]
    [InlineData("{}")]
    [InlineData("{\"action\": \"delete\", \"events\": [{\"id\": 1, \"version\": 1}]}")]
    [InlineData("{\"action\": \"approve\", \"events\": []}")]
    [InlineData("{\"action\": \"approve\", \"events\": [{\"id\": 1}]}")]
    [InlineData("{\"action\": \"reject\", \"events\": [{\"id\": 1, \"version\": 1}]}")]
    [InlineData("{\"action\": \"approve\", \"events\": [{\"id\": 1, \"version\": 1}, {\"id\": 1, \"version\": 1}]}")]
    [InlineData("{\"action\": \"approve\", \"events\": \"all\"}")]
    public async Task A_malformed_bulk_request_is_a_400(string body)
    {
        var (_, admin) = await SessionsAsync();
        var response = await admin.Client.PostAsync("/api/admin/events/bulk/", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [SkippableFact]
    public async Task More_than_100_events_in_one_bulk_is_a_400()
    {
        var (_, admin) = await SessionsAsync();
        var events = Enumerable.Range(1, 101).Select(i => new { id = i, version = 1 }).ToArray();
        var response = await admin.Client.PostAsync("/api/admin/events/bulk/", Body(new { action = "approve", events }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json(response))["details"]!["events"]);
    }

    [SkippableFact]
    public async Task Reason_templates_are_managed_and_reject_by_template()
    {
        var (vendor, admin) = await SessionsAsync();
        var created = await admin.Client.PostAsync("/api/admin/reason-templates/", Body(new { title = "Blurry poster", text = "Please upload a sharper poster." }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var template = await Json(created);
        var id = (int)template["id"]!;
        Assert.Contains((await Json(await admin.Client.GetAsync("/api/admin/reason-templates/"))).AsArray(), t => (int)t!["id"]! == id);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PutAsync($"/api/admin/reason-templates/{id}/",
            Body(new { title = "Blurry poster", text = "Please upload a sharper poster (at least 1200 px)." }))).StatusCode);

        var e = await SubmitAsync();
        var rejected = await admin.Client.PostAsync($"/api/admin/events/{e["id"]}/reject/", Body(new { version = (int)e["version"]!, template = id }));
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal("Please upload a sharper poster (at least 1200 px).", (string)(await Json(rejected))["rejection_reason"]!);

        var other = await SubmitAsync();
        var bulk = await Json(await admin.Client.PostAsync("/api/admin/events/bulk/",
            Body(new { action = "reject", template = id, events = new[] { new { id = (int)other["id"]!, version = (int)other["version"]! } } })));
        Assert.Equal("rejected", (string)bulk["results"]![0]!["outcome"]!);

        var unknown = await admin.Client.PostAsync($"/api/admin/events/{other["id"]}/reject/", Body(new { version = 99, template = 99999999 }));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.NotNull((await Json(unknown))["details"]!["template"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Client.PostAsync("/api/admin/reason-templates/", Body(new { title = "" }))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync($"/api/admin/reason-templates/{id}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.DeleteAsync($"/api/admin/reason-templates/{id}/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await vendor.Client.GetAsync("/api/admin/reason-templates/")).StatusCode);
    }

    [SkippableFact]
    public async Task A_trusted_vendors_events_are_approved_at_once_and_listed_for_a_later_look()
    {
        var trusted = await Sessions.SignInAsync(Factory);
        var (_, admin) = await SessionsAsync();
        Assert.True((bool)(await Json(await admin.Client.PostAsync($"/api/admin/users/{trusted.Id}/trust/", null)))["is_trusted"]!);

        var created = await Json(await trusted.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Trusted")))));
        Assert.Equal("approved", (string)created["status"]!);
        Assert.True((bool)created["auto_approved"]!);
        var id = (int)created["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync($"/api/events/{id}/")).StatusCode);
        Assert.Equal(1, await NotificationsAsync(id));
        var listed = await Json(await admin.Client.GetAsync("/api/admin/events/?auto_approved=true&page_size=100"));
        Assert.Contains(listed["results"]!.AsArray(), r => (int)r!["id"]! == id);

        // An edit is approved at once too; after untrust, edits wait for review again.
        var edited = await Json(await trusted.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { title = Unique("Edited") })));
        Assert.Equal("approved", (string)edited["status"]!);
        Assert.False((bool)(await Json(await admin.Client.PostAsync($"/api/admin/users/{trusted.Id}/untrust/", null)))["is_trusted"]!);
        var later = await Json(await trusted.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { title = Unique("Later") })));
        Assert.Equal("pending", (string)later["status"]!);
        Assert.False((bool)later["auto_approved"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.PostAsync("/api/admin/users/99999999/trust/", null)).StatusCode);
    }

    [SkippableFact]
    public async Task The_audit_log_records_decisions_templates_and_account_changes_newest_first()
    {
        var (_, admin) = await SessionsAsync();
        var e = await SubmitAsync();
        var id = (int)e["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/admin/events/{id}/reject/", Body(new { version = (int)e["version"]!, reason = "Add the venue." }))).StatusCode);
        var trusted = await Sessions.SignInAsync(Factory);
        await admin.Client.PostAsync($"/api/admin/users/{trusted.Id}/trust/", null);
        var auto = await Json(await trusted.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Auto")))));

        var forEvent = await Json(await admin.Client.GetAsync($"/api/admin/audit/?event={id}"));
        var entry = Assert.Single(forEvent["results"]!.AsArray())!;
        Assert.Equal("event.reject", (string)entry["action"]!);
        Assert.Equal(admin.Id, (int)entry["actor"]!["id"]!);
        Assert.Equal(admin.Email, (string)entry["actor"]!["email"]!);
        Assert.Equal("event", (string)entry["target"]!["type"]!);
        Assert.Equal(id, (int)entry["target"]!["id"]!);
        Assert.Equal("Add the venue.", (string)entry["data"]!["reason"]!);

        var automatic = await Json(await admin.Client.GetAsync($"/api/admin/audit/?event={auto["id"]}&action=event.auto_approve"));
        var autoEntry = Assert.Single(automatic["results"]!.AsArray())!;
        Assert.Null(autoEntry["actor"]);

        var mine = await Json(await admin.Client.GetAsync($"/api/admin/audit/?actor={admin.Id}"));
        var actions = mine["results"]!.AsArray().Select(r => (string)r!["action"]!).ToList();
        Assert.Equal("user.trust", actions[0]);
        Assert.Contains("event.reject", actions);
        var times = mine["results"]!.AsArray().Select(r => DateTime.Parse((string)r!["at"]!)).ToList();
        Assert.Equal(times.OrderDescending(), times);

        var category = await Json(await admin.Client.PostAsync("/api/admin/categories/", Body(new { name = Unique("Audited") })));
        var city = await Json(await admin.Client.PostAsync("/api/admin/cities/", Body(new { name = Unique("Auditpur"), aliases = Array.Empty<string>() })));
        var catalog = (await Json(await admin.Client.GetAsync($"/api/admin/audit/?actor={admin.Id}&page_size=100")))["results"]!.AsArray();
        Assert.Contains(catalog, r => (string)r!["action"]! == "category.create" && (int)r["target"]!["id"]! == (int)category["id"]!);
        Assert.Contains(catalog, r => (string)r!["action"]! == "city.create" && (int)r["target"]!["id"]! == (int)city["id"]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Client.GetAsync("/api/admin/audit/?actor=abc")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await admin.Client.DeleteAsync("/api/admin/audit/")).StatusCode);
    }

    [SkippableFact]
    public async Task History_lists_revisions_and_decisions_and_the_changes_since_the_last_approval()
    {
        var (vendor, admin) = await SessionsAsync();
        var e = await SubmitAsync("Kathak Sandhya");
        var id = (int)e["id"]!;
        var empty = await Json(await admin.Client.GetAsync($"/api/admin/events/{id}/history/"));
        Assert.Single(empty["revisions"]!.AsArray());
        Assert.Empty(empty["changes"]!.AsArray());

        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);
        var edit = await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new
        {
            title = "Kathak Sandhya II",
            venue_name = "Bharat Bhavan",
            translations = new { hi = new { title = "कथक संध्या", description = "" } },
        }));
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);

        var history = await Json(await admin.Client.GetAsync($"/api/admin/events/{id}/history/"));
        Assert.Equal(2, history["revisions"]!.AsArray().Count);
        Assert.True((bool)history["revisions"]![0]!["approved"]!);
        Assert.Equal(["event.approve"], history["decisions"]!.AsArray().Select(d => (string)d!["action"]!));
        var changes = history["changes"]!.AsArray().ToDictionary(c => (string)c!["field"]!, c => c!);
        Assert.Equal(["title", "translations.hi.description", "translations.hi.title", "venue_name"], changes.Keys.Order());
        Assert.Equal("Kathak Sandhya", (string)changes["title"]["before"]!);
        Assert.Equal("Kathak Sandhya II", (string)changes["title"]["after"]!);
        Assert.Null(changes["venue_name"]["before"]);
        Assert.Equal("Bharat Bhavan", (string)changes["venue_name"]["after"]!);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.GetAsync("/api/admin/events/99999999/history/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await vendor.Client.GetAsync($"/api/admin/events/{id}/history/")).StatusCode);
    }

    [SkippableFact]
    public async Task Notes_go_between_moderators_and_the_vendor()
    {
        var (vendor, admin) = await SessionsAsync();
        var e = await SubmitAsync();
        var id = (int)e["id"]!;
        var visible = await admin.Client.PostAsync($"/api/admin/events/{id}/notes/", Body(new { text = "Which hall is it in?", visible_to_vendor = true }));
        Assert.Equal(HttpStatusCode.Created, visible.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.Client.PostAsync($"/api/admin/events/{id}/notes/", Body(new { text = "Vendor seems new.", visible_to_vendor = false }))).StatusCode);
        Assert.Equal(1, await NotificationsAsync(id));

        var seen = await Json(await vendor.Client.GetAsync($"/api/dashboard/events/{id}/notes/"));
        Assert.Equal(["Which hall is it in?"], seen.AsArray().Select(n => (string)n!["text"]!));
        Assert.Equal(HttpStatusCode.Created, (await vendor.Client.PostAsync($"/api/dashboard/events/{id}/notes/", Body(new { text = "Hall B, first floor." }))).StatusCode);

        bool Unread(JsonNode list) => (bool)list["results"]!.AsArray().Single(r => (int)r!["id"]! == id)!["has_unread_notes"]!;
        Assert.True(Unread(await Json(await admin.Client.GetAsync("/api/admin/events/?status=pending&page_size=100"))));
        var all = await Json(await admin.Client.GetAsync($"/api/admin/events/{id}/notes/"));
        Assert.Equal(3, all.AsArray().Count);
        Assert.Equal("vendor", (string)all[2]!["author"]!["role"]!);
        Assert.False(Unread(await Json(await admin.Client.GetAsync("/api/admin/events/?status=pending&page_size=100"))));

        var other = await Sessions.SignInAsync(Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/dashboard/events/{id}/notes/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.PostAsync($"/api/dashboard/events/{id}/notes/", Body(new { text = "x" }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Client.PostAsync($"/api/admin/events/{id}/notes/", Body(new { text = "" }))).StatusCode);
    }

    /// <summary>
    /// A moderator's note, the vendor's reply and a public report race the vendor's deletion of the event.
    /// Each is saved (201, 202) or, when the deletion came first, told the event is gone (404): never a 409
    /// "conflicts with existing data" from the foreign key of a row whose event no longer exists.
    /// </summary>
    [SkippableFact]
    public async Task A_note_reply_or_report_racing_the_deletion_of_its_event_is_saved_or_a_404()
    {
        var (vendor, admin) = await SessionsAsync();
        var statuses = new List<(string Kind, HttpStatusCode Status)>();
        for (var round = 0; round < 40; round++)
        {
            var id = (int)(await PublishAsync(EventBody(Unique("Racing"))))["id"]!;
            // They leave 0-7 ms before the deletion: their writes land before, between or after its read and write.
            var note = admin.Client.PostAsync($"/api/admin/events/{id}/notes/", Body(new { text = "Which hall?", visible_to_vendor = true }));
            var reply = vendor.Client.PostAsync($"/api/dashboard/events/{id}/notes/", Body(new { text = "Hall B." }));
            var report = Client().PostAsync($"/api/events/{id}/report/", Body(new { reason = "spam" }));
            await Task.Delay(round % 8);
            Assert.Equal(HttpStatusCode.NoContent, (await vendor.Client.DeleteAsync($"/api/dashboard/events/{id}/")).StatusCode);
            statuses.Add(("note", (await note).StatusCode));
            statuses.Add(("reply", (await reply).StatusCode));
            statuses.Add(("report", (await report).StatusCode));
        }
        Assert.All(statuses, s => Assert.True(
            s.Status is HttpStatusCode.NotFound || s.Status == (s.Kind == "report" ? HttpStatusCode.Accepted : HttpStatusCode.Created), $"{s.Kind}: {s.Status}"));
    }

    [SkippableFact]
    public async Task Reports_from_three_distinct_reporters_hide_an_event_until_an_admin_keeps_it()
    {
        var (_, admin) = await SessionsAsync();
        var e = await PublishAsync(EventBody(Unique("Reported")));
        var id = (int)e["id"]!;
        // Three reporters: three networks (see ReportAbuseTests for what counts as one).
        var reporters = new[] { "198.51.100.7", "192.0.2.7", "203.0.113.7" }.Select(peer => ClientFrom(peer)).ToList();
        Assert.Equal(HttpStatusCode.Accepted, (await reporters[0].PostAsync($"/api/events/{id}/report/", Body(new { reason = "scam", message = "Asks for UPI upfront" }))).StatusCode);
        // The same reporter twice counts once.
        Assert.Equal(HttpStatusCode.Accepted, (await reporters[0].PostAsync($"/api/events/{id}/report/", Body(new { reason = "spam" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await reporters[1].PostAsync($"/api/events/{id}/report/", Body(new { reason = "wrong_info" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync($"/api/events/{id}/")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await reporters[2].PostAsync($"/api/events/{id}/report/", Body(new { reason = "offensive" }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync($"/api/events/{id}/")).StatusCode);

        var list = await Json(await admin.Client.GetAsync("/api/admin/reports/?page_size=100"));
        var group = list["results"]!.AsArray().Single(g => (int)g!["event"]!["id"]! == id)!;
        Assert.Equal(3, (int)group["reporters"]!);
        Assert.True((bool)group["event"]!["hidden"]!);

        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/admin/events/{id}/reports/resolve/", Body(new { action = "keep" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync($"/api/events/{id}/")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Client.PostAsync($"/api/admin/events/{id}/reports/resolve/", Body(new { action = "keep" }))).StatusCode);

        // Reported again, and rejected this time: the vendor hears of it once.
        Assert.Equal(HttpStatusCode.Accepted, (await reporters[0].PostAsync($"/api/events/{id}/report/", Body(new { reason = "scam" }))).StatusCode);
        var before = await NotificationsAsync(id);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/admin/events/{id}/reports/resolve/", Body(new { action = "reject", reason = "Reported as a scam." }))).StatusCode);
        Assert.Equal(before + 1, await NotificationsAsync(id));
        Assert.Equal("rejected", (string)(await Json(await admin.Client.GetAsync($"/api/admin/events/{id}/")))["status"]!);
    }

    [SkippableTheory]
    [InlineData("{\"reason\": \"boring\"}")]
    [InlineData("{}")]
    [InlineData("{\"reason\": 5}")]
    public async Task A_bad_report_is_a_400(string body)
    {
        var e = await PublishAsync(EventBody(Unique("R")));
        var response = await Client().PostAsync($"/api/events/{e["id"]}/report/", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var pending = await SubmitAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await Client().PostAsync($"/api/events/{pending["id"]}/report/", Body(new { reason = "spam" }))).StatusCode);
    }

    [SkippableFact]
    public async Task An_audit_entry_cannot_be_changed_or_deleted_through_the_model()
    {
        var (_, admin) = await SessionsAsync();
        await admin.Client.PostAsync("/api/admin/reason-templates/", Body(new { title = Unique("T"), text = "x" }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => WithDb(async db =>
        {
            db.AuditEntries.Remove(await db.AuditEntries.FirstAsync());
            await db.SaveChangesAsync();
        }));
        // And in the database itself, whatever runs against it.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => WithDb(db => db.Database.ExecuteSqlRawAsync("UPDATE moderation_audit_entry SET action = 'x'")));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => WithDb(db => db.Database.ExecuteSqlRawAsync("DELETE FROM moderation_audit_entry")));
        Assert.True(await WithDb(db => db.AuditEntries.AnyAsync()));
    }

    [SkippableFact]
    public async Task A_note_may_be_5000_characters_and_no_more()
    {
        var (_, admin) = await SessionsAsync();
        var e = await SubmitAsync();
        Assert.Equal(HttpStatusCode.Created, (await admin.Client.PostAsync($"/api/admin/events/{e["id"]}/notes/", Body(new { text = new string('न', 5000) }))).StatusCode);
        var tooLong = await admin.Client.PostAsync($"/api/admin/events/{e["id"]}/notes/", Body(new { text = new string('न', 5001) }));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.NotNull((await Json(tooLong))["details"]!["text"]);
    }
}
