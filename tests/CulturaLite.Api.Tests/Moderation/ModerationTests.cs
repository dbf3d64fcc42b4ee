using System.Net;
using CulturaLite.Api.Events;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Tests.Moderation;

public abstract class ModerationTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : ModerationTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : ModerationTests(f), IClassFixture<PostgresApiFactory>;

    private async Task<int> SubmitAsync(Session vendor, string city, string title = "Holi Festival 2026")
    {
        var response = await vendor.Client.PostAsync("/api/dashboard/events/", Body(new
        {
            title,
            description = "Colours and music.",
            city,
            event_date = DateTime.UtcNow.AddDays(20).ToString("O"),
            category = "festivals",
            image_url = "https://cdn.example.com/holi.jpg",
        }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (int)(await Json(response))["id"]!;
    }

    [SkippableFact]
    public async Task Approving_publishes_the_event_and_notifies_its_vendor_once()
    {
        var client = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        var city = Unique("Mathura");
        var id = await SubmitAsync(vendor, city);
        var before = await client.GetAsync($"/api/events/?city={city}");
        Assert.Equal(0, (int)(await Json(before))["count"]!);
        var etag = before.Headers.ETag!.Tag;
        var notModified = new HttpRequestMessage(HttpMethod.Get, $"/api/events/?city={city}");
        notModified.Headers.TryAddWithoutValidation("If-None-Match", etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(notModified)).StatusCode);

        var reviewed = await VersionAsync(admin.Client, id);
        var approve = await admin.Client.PostAsync($"/api/admin/events/{id}/approve/", Body(new { version = reviewed }));
        var again = await DecideAsync(admin.Client, id, "approve");

        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        var body = await Json(approve);
        Assert.Equal("approved", (string)body["status"]!);
        Assert.NotNull(body["message"]);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        // The very next public request sees the decision, although the list was cached a moment ago.
        var after = await client.GetAsync($"/api/events/?city={city}");
        Assert.Equal(1, (int)(await Json(after))["count"]!);
        Assert.NotEqual(etag, after.Headers.ETag!.Tag);
        var dashboard = await Json(await vendor.Client.GetAsync($"/api/dashboard/events/{id}/"));
        Assert.Equal("approved", (string)dashboard["status"]!);
        var notifications = await Json(await vendor.Client.GetAsync("/api/notifications/"));
        Assert.Equal(1, (int)notifications["count"]!);
        Assert.Equal(1, (int)notifications["unread_count"]!);
        var note = notifications["results"]![0]!;
        Assert.Equal("Your event 'Holi Festival 2026' was approved.", (string)note["message"]!);
        Assert.False((bool)note["is_read"]!);
        Assert.Equal(id, (int)note["event"]!["id"]!);
        Assert.Equal("Holi Festival 2026", (string)note["event"]!["title"]!);
        var emails = await WithDb(db => db.OutboxEmails.CountAsync(m => m.Subject.Contains("Holi") && m.To == vendor.Email));
        Assert.Equal(1, emails);
    }

    [SkippableFact]
    public async Task A_decision_needs_the_version_the_admin_reviewed_and_a_stale_one_gets_the_current_event()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        var id = await SubmitAsync(vendor, Unique("Udaipur"));
        var reviewed = await VersionAsync(admin.Client, id);
        // The vendor edits after the admin loaded the event: the admin never saw the new text.
        var edit = await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { title = "Now with a different text" }));
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);

        var missing = await admin.Client.PostAsync($"/api/admin/events/{id}/approve/", Body(new { }));
        var stale = await admin.Client.PostAsync($"/api/admin/events/{id}/approve/", Body(new { version = reviewed }));
        var staleReject = await admin.Client.PostAsync($"/api/admin/events/{id}/reject/", Body(new { version = reviewed, reason = "No." }));

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.NotNull((await Json(missing))["details"]!["version"]);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var current = (await Json(stale))["event"]!;
        Assert.Equal("Now with a different text", (string)current["title"]!);
        Assert.Equal("pending", (string)current["status"]!);
        Assert.True((int)current["version"]! > reviewed);
        Assert.Equal(HttpStatusCode.Conflict, staleReject.StatusCode);
        Assert.Equal(0, await WithDb(db => db.Notifications.CountAsync(n => n.EventId == id)));
        var approve = await admin.Client.PostAsync($"/api/admin/events/{id}/approve/", Body(new { version = (int)current["version"]! }));
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
    }

    [SkippableFact]
    public async Task The_admin_detail_returns_one_event_of_any_status_with_its_version()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        var id = await SubmitAsync(vendor, Unique("Kota"));

        var detail = await Json(await admin.Client.GetAsync($"/api/admin/events/{id}/"));

        Assert.Equal(id, (int)detail["id"]!);
        Assert.Equal("pending", (string)detail["status"]!);
        Assert.True((int)detail["version"]! >= 1);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.GetAsync("/api/admin/events/999999/")).StatusCode);
    }

    [SkippableFact]
    public async Task Rejecting_needs_a_reason_that_the_vendor_then_reads()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        var id = await SubmitAsync(vendor, Unique("Agra"));

        var version = await VersionAsync(admin.Client, id);
        var noReason = await admin.Client.PostAsync($"/api/admin/events/{id}/reject/", Body(new { version }));
        var blank = await admin.Client.PostAsync($"/api/admin/events/{id}/reject/", Body(new { version, reason = "   " }));
        var reject = await admin.Client.PostAsync($"/api/admin/events/{id}/reject/", Body(new { version, reason = "The poster is blurry." }));

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.NotNull((await Json(noReason))["details"]!["reason"]);
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reject.StatusCode);
        var mine = await Json(await vendor.Client.GetAsync($"/api/dashboard/events/{id}/"));
        Assert.Equal("rejected", (string)mine["status"]!);
        Assert.Equal("The poster is blurry.", (string)mine["rejection_reason"]!);
        var note = (await Json(await vendor.Client.GetAsync("/api/notifications/")))["results"]![0]!;
        Assert.Contains("rejected", (string)note["message"]!);
        Assert.Contains("The poster is blurry.", (string)note["message"]!);
    }

    [SkippableFact]
    public async Task Decisions_on_missing_events_are_404_and_non_admins_get_403()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        var id = await SubmitAsync(vendor, Unique("Ooty"));

        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.PostAsync("/api/admin/events/999999/approve/", Body(new { version = 1 }))).StatusCode);
        foreach (var (method, path) in new[]
                 {
                     ("GET", "/api/admin/events/"), ("POST", $"/api/admin/events/{id}/approve/"), ("POST", $"/api/admin/events/{id}/reject/"),
                     ("GET", "/api/admin/categories/"), ("POST", "/api/admin/categories/"), ("GET", "/api/admin/users/"),
                     ("POST", $"/api/admin/users/{vendor.Id}/deactivate/"),
                 })
        {
            var asVendor = await vendor.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Body(new { reason = "x", name = "x" }) });
            var anonymous = await Factory.Client().SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Body(new { }) });
            Assert.Equal(HttpStatusCode.Forbidden, asVendor.StatusCode);
            Assert.Equal("application/problem+json", asVendor.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
        Assert.Equal("pending", (string)(await Json(await vendor.Client.GetAsync($"/api/dashboard/events/{id}/")))["status"]!);
    }

    [SkippableFact]
    public async Task The_pending_queue_comes_oldest_first_and_filters_combine()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var other = await Sessions.SignInAsync(Factory);
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        var city = Unique("Nashik");
        var first = await SubmitAsync(vendor, city);
        var second = await SubmitAsync(vendor, city.ToUpperInvariant());
        var third = await SubmitAsync(other, city);

        var queue = await Json(await admin.Client.GetAsync($"/api/admin/events/?status=pending&city={city}"));
        var byVendor = await Json(await admin.Client.GetAsync($"/api/admin/events/?vendor={other.Id}&city={city}&category=FESTIVALS"));
        var all = await Json(await admin.Client.GetAsync($"/api/admin/events/?city={city}"));

        Assert.Equal(new[] { first, second, third }, queue["results"]!.AsArray().Select(n => (int)n!["id"]!));
        Assert.Equal(third, (int)byVendor["results"]![0]!["id"]!);
        Assert.Equal(1, (int)byVendor["count"]!);
        Assert.Equal(third, (int)all["results"]![0]!["id"]!);
        Assert.Equal(vendor.Email, (string)queue["results"]![0]!["vendor"]!["email"]!);
    }

    [SkippableFact]
    public async Task Twenty_parallel_decisions_make_one_change_and_one_notification()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        var otherAdmin = await Sessions.SignInAsync(Factory, admin: true);
        var id = await SubmitAsync(vendor, Unique("Hampi"));

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            var client = Factory.Client(i % 2 == 0 ? admin.Access : otherAdmin.Access);
            await gate.Task;
            // Half decide on the version they loaded, half reload first: a mix of fresh and stale views.
            var version = i % 2 == 0 ? 1 : await VersionAsync(client, id);
            return i % 4 == 3
                ? await client.PostAsync($"/api/admin/events/{id}/reject/", Body(new { version, reason = "race" }))
                : await client.PostAsync($"/api/admin/events/{id}/approve/", Body(new { version }));
        })).ToList();
        gate.SetResult();
        var responses = await Task.WhenAll(requests);

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        var (notes, emails) = await WithDb(async db => (
            await db.Notifications.CountAsync(n => n.EventId == id),
            await db.OutboxEmails.CountAsync(m => m.To == vendor.Email)));
        var decided = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(decided, notes);
        Assert.Equal(decided, emails);
        Assert.True(decided >= 1);
        Console.WriteLine($"parallel decisions on {Database}: 20 requests, {decided} state change(s), {responses.Length - decided} x 409, {notes} notification(s), {emails} email(s)");
        // When approvals and rejections both won in turn, each change of state has exactly one notification.
        var states = await WithDb(async db => await db.Notifications.Where(n => n.EventId == id).Select(n => n.Message).ToListAsync());
        for (var i = 1; i < states.Count; i++)
        {
            Assert.NotEqual(states[i - 1].Contains("approved"), states[i].Contains("approved"));
        }
    }

    /// <summary>
    /// An admin decides while the vendor deletes the event. Whichever write comes first, the answer says what
    /// happened: the decision is 200 (then the deletion removes it) or 404 (the event is gone), never a 409
    /// asking the admin to reload an event that no longer exists, and never a notification about it.
    /// </summary>
    [SkippableFact]
    public async Task A_decision_racing_the_deletion_of_its_event_is_done_or_a_404()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        var statuses = new List<HttpStatusCode>();
        for (var round = 0; round < 40; round++)
        {
            var id = await SubmitAsync(vendor, Unique("Hampi"));
            // The decision leaves 0-7 ms first: its write lands before, between or after the deletion's read and write.
            var decision = admin.Client.PostAsync($"/api/admin/events/{id}/approve/", Body(new { version = 1 }));
            await Task.Delay(round % 8);
            var delete = await vendor.Client.DeleteAsync($"/api/dashboard/events/{id}/");
            var decided = await decision;
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
            statuses.Add(decided.StatusCode);
            if (decided.StatusCode == HttpStatusCode.NotFound)
            {
                Assert.Equal(0, await WithDb(db => db.Notifications.CountAsync(n => n.EventId == id)));
            }
        }
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.NotFound, s.ToString()));
    }

    [SkippableFact]
    public async Task Twenty_parallel_approvals_make_exactly_one_change_notification_and_email()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var admins = new[] { await Sessions.SignInAsync(Factory, admin: true), await Sessions.SignInAsync(Factory, admin: true) };
        var id = await SubmitAsync(vendor, Unique("Puri"));

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            var client = Factory.Client(admins[i % 2].Access);
            await gate.Task;
            return await client.PostAsync($"/api/admin/events/{id}/approve/", Body(new { version = 1 }));
        })).ToList();
        gate.SetResult();
        var responses = await Task.WhenAll(requests);

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var (notes, emails) = await WithDb(async db => (
            await db.Notifications.CountAsync(n => n.EventId == id),
            await db.OutboxEmails.CountAsync(m => m.To == vendor.Email)));
        Assert.Equal(1, notes);
        Assert.Equal(1, emails);
        Console.WriteLine($"parallel approvals on {Database}: 20 requests, 1 x 200, 19 x 409, {notes} notification, {emails} email");
    }

    [SkippableFact]
    public async Task Deactivation_revokes_sessions_and_refuses_live_access_tokens()
    {
        var client = Client();
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        var email = $"{Unique("dv")}@example.com";
        var password = "Monsoon-Ragas-77";
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/auth/register/", Body(new
        {
            email,
            password,
            password_confirm = password,
            first_name = "Dev",
            last_name = "Vendor",
        }))).StatusCode);
        var login = await Json(await client.PostAsync("/api/auth/login/", Body(new { email, password })));
        var access = (string)login["access"]!;
        var id = (int)login["user"]!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await Client(access).GetAsync("/api/auth/me/")).StatusCode);

        var deactivate = await admin.Client.PostAsync($"/api/admin/users/{id}/deactivate/", null);

        Assert.Equal(HttpStatusCode.OK, deactivate.StatusCode);
        Assert.False((bool)(await Json(deactivate))["is_active"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client(access).GetAsync("/api/auth/me/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/auth/refresh/", Body(new { refresh = (string)login["refresh"]! }))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/auth/login/", Body(new { email, password }))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/admin/users/{id}/activate/", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/auth/login/", Body(new { email, password }))).StatusCode);
        var users = await Json(await admin.Client.GetAsync($"/api/admin/users/?search={email}"));
        Assert.Equal(1, (int)users["count"]!);
    }

    [SkippableFact]
    public async Task Categories_are_administered_with_derived_slugs_and_in_use_ones_are_kept()
    {
        var client = Client();
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        var name = "Folk Music " + Unique("");

        var created = await admin.Client.PostAsync("/api/admin/categories/", Body(new { name }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var category = await Json(created);
        var id = (int)category["id"]!;
        Assert.Equal(Category.Slugify(name), (string)category["slug"]!);
        Assert.StartsWith("folk-music-", (string)category["slug"]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Client.PostAsync("/api/admin/categories/", Body(new { name = name.ToUpperInvariant() }))).StatusCode);
        Assert.Contains((await Json(await client.GetAsync("/api/categories/"))).AsArray(), c => (int)c!["id"]! == id);

        var renamed = await Json(await admin.Client.PutAsync($"/api/admin/categories/{id}/", Body(new { name = name + " Live", slug = "folk-live-" + id })));
        Assert.Equal("folk-live-" + id, (string)renamed["slug"]!);

        var vendor = await Sessions.SignInAsync(Factory);
        var used = await vendor.Client.PostAsync("/api/dashboard/events/", Body(new
        {
            title = "Baul songs",
            description = "Wandering minstrels.",
            city = "Kolkata",
            event_date = DateTime.UtcNow.AddDays(5).ToString("O"),
            category = "folk-live-" + id,
            image_url = "https://cdn.example.com/baul.jpg",
        }));
        Assert.Equal(HttpStatusCode.Created, used.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Client.DeleteAsync($"/api/admin/categories/{id}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await vendor.Client.DeleteAsync($"/api/dashboard/events/{(int)(await Json(used))["id"]!}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync($"/api/admin/categories/{id}/")).StatusCode);
        var list = (await Json(await admin.Client.GetAsync("/api/admin/categories/"))).AsArray();
        Assert.DoesNotContain(list, c => (int)c!["id"]! == id);
    }
}
