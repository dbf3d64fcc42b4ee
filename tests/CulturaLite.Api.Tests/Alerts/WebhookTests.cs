using System.Net;
using System.Text.Json.Nodes;
using CulturaLite.Api.Alerts;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;

namespace CulturaLite.Api.Tests.Alerts;

public sealed class WebhookSqliteFactory : SqliteApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => WebhookTests.AppSettings;
}

public sealed class WebhookPostgresFactory : PostgresApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => WebhookTests.AppSettings;
}

/// <summary>
/// API.md "Webhooks": public changes reach a real local receiver, signed per Standard Webhooks, retried with the
/// same `webhook-id`, in order per event, cut off at the timeout, and a webhook failing for a day is disabled.
/// </summary>
public abstract class WebhookTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(WebhookSqliteFactory f) : WebhookTests(f), IClassFixture<WebhookSqliteFactory>;

    public sealed class Postgres(WebhookPostgresFactory f) : WebhookTests(f), IClassFixture<WebhookPostgresFactory>;

    /// <summary>The receivers listen on loopback; the outbound client is let through to it for these tests only.</summary>
    public static readonly KeyValuePair<string, string?>[] AppSettings =
    [
        new("Outbound:AllowPrivateNetworks", "true"),
        new("Outbound:TimeoutSeconds", "2"),
        new("Webhooks:PollSeconds", "0.2"),
    ];

    private sealed record Hook(int Id, string Secret, WebhookReceiver Receiver);

    private async Task<Hook> HookAsync(Session admin, params string[] events)
    {
        var receiver = await WebhookReceiver.StartAsync();
        var response = await admin.Client.PostAsync("/api/admin/webhooks/", Body(new
        {
            url = new Uri(receiver.Address, "/hook").ToString(),
            events = events.Length == 0 ? WebhookEvents.All : events,
            description = "City portal",
        }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await Json(response);
        return new Hook((int)created["id"]!, (string)created["secret"]!, receiver);
    }

    /// <summary>Stops the webhook (so later tests' changes do not reach a receiver that is gone) and its receiver.</summary>
    private async Task EndAsync(Hook hook)
    {
        await WithDb(db => db.Set<Webhook>().Where(w => w.Id == hook.Id).ExecuteDeleteAsync());
        await hook.Receiver.DisposeAsync();
    }

    private static bool About(WebhookReceiver.Received r, string type, int eventId)
    {
        var body = JsonNode.Parse(r.Body)!;
        return (string?)body["type"] == type && (int?)body["data"]?["id"] == eventId;
    }

    private async Task<int> SubmitAsync(Session vendor, string title)
    {
        var created = await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(title)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (int)(await Json(created))["id"]!;
    }

    [Fact]
    public async Task A_new_webhook_shows_its_secret_once()
    {
        var (_, admin) = await SessionsAsync();
        var hook = await HookAsync(admin, WebhookEvents.Published);
        try
        {
            Assert.StartsWith("whsec_", hook.Secret);
            Assert.Equal(32, Convert.FromBase64String(hook.Secret["whsec_".Length..]).Length);
            var one = await admin.Client.GetStringAsync($"/api/admin/webhooks/{hook.Id}/");
            var list = await admin.Client.GetStringAsync("/api/admin/webhooks/");
            Assert.DoesNotContain(hook.Secret, one);
            Assert.DoesNotContain(hook.Secret, list);
            Assert.DoesNotContain("secret", one);
            var item = JsonNode.Parse(one)!;
            Assert.Equal(["event.published"], item["events"]!.AsArray().Select(e => (string)e!));
            Assert.True((bool)item["is_active"]!);
        }
        finally
        {
            await EndAsync(hook);
        }
    }

    [Fact]
    public async Task An_approved_event_is_delivered_signed_as_Standard_Webhooks_says()
    {
        var (vendor, admin) = await SessionsAsync();
        var hook = await HookAsync(admin, WebhookEvents.Published);
        try
        {
            var id = await SubmitAsync(vendor, Unique("Sufi night "));
            Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);

            var received = await hook.Receiver.WaitForAsync(r => About(r, "event.published", id));
            // The library's own verification, with the secret the admin was shown: id, timestamp and body are signed.
            new StandardWebhook(hook.Secret).Verify(received.Body, received.Headers);
            Assert.StartsWith("msg_", received.Headers["webhook-id"].ToString());
            Assert.StartsWith("v1,", received.Headers["webhook-signature"].ToString());
            Assert.StartsWith("application/json", received.Headers.ContentType.ToString());
            var body = JsonNode.Parse(received.Body)!;
            Assert.Equal(id, (int)body["data"]!["id"]!);
            Assert.StartsWith("Sufi night", (string)body["data"]!["title"]!);
            Assert.EndsWith($"/e/{id}", (string)body["data"]!["share_url"]!);
            Assert.NotNull((string?)body["timestamp"]);
            // A tampered body does not verify.
            Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() =>
                new StandardWebhook(hook.Secret).Verify(received.Body.Replace("Sufi", "Rock", StringComparison.Ordinal), received.Headers));

            // A vendor's pending submission is not public: nothing is sent for it.
            var pending = await SubmitAsync(vendor, Unique("Pending "));
            await Task.Delay(800);
            Assert.DoesNotContain(hook.Receiver.Requests, r => JsonNode.Parse(r.Body)!["data"]?["id"]?.GetValue<int>() == pending);
        }
        finally
        {
            await EndAsync(hook);
        }
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_with_the_same_webhook_id_and_body()
    {
        var (vendor, admin) = await SessionsAsync();
        var hook = await HookAsync(admin, WebhookEvents.Published);
        try
        {
            hook.Receiver.Status = 503;
            var id = await SubmitAsync(vendor, Unique("Kathak "));
            Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);
            var first = await hook.Receiver.WaitForAsync(r => About(r, "event.published", id));

            // The failure is logged with its status, and the retry is set within a minute.
            var log = await WaitForLogAsync(admin, hook, d => (int?)d["status_code"] == 503);
            Assert.Equal(1, (int)log["attempt"]!);
            Assert.Null((string?)log["outcome"]);
            var next = DateTime.Parse((string)log["next_attempt"]!, null, System.Globalization.DateTimeStyles.RoundtripKind);
            Assert.InRange((next - DateTime.UtcNow).TotalSeconds, 1, 60);

            hook.Receiver.Status = 204;
            await WithDb(db => db.Set<WebhookDelivery>().Where(d => d.WebhookId == hook.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1))));
            await WaitForLogAsync(admin, hook, d => (string?)d["outcome"] == "delivered");
            var attempts = hook.Receiver.Requests.Where(r => About(r, "event.published", id)).ToList();
            Assert.Equal(2, attempts.Count);
            Assert.Equal(first.Headers["webhook-id"].ToString(), attempts[1].Headers["webhook-id"].ToString());
            Assert.Equal(first.Body, attempts[1].Body);
            new StandardWebhook(hook.Secret).Verify(attempts[1].Body, attempts[1].Headers);
        }
        finally
        {
            await EndAsync(hook);
        }
    }

    [Fact]
    public async Task Deliveries_about_one_event_go_out_in_order()
    {
        var (vendor, admin) = await SessionsAsync();
        var hook = await HookAsync(admin, WebhookEvents.Published, WebhookEvents.Cancelled, WebhookEvents.Removed);
        try
        {
            hook.Receiver.Status = 500;
            var id = await SubmitAsync(vendor, Unique("Yakshagana "));
            Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);
            await hook.Receiver.WaitForAsync(r => About(r, "event.published", id));
            Assert.Equal(HttpStatusCode.OK, (await vendor.Client.PostAsync($"/api/dashboard/events/{id}/cancel/", Body(new { reason = "Rain" }))).StatusCode);
            await Task.Delay(1000);
            // The cancellation waits behind the publication that has not got through.
            Assert.DoesNotContain(hook.Receiver.Requests, r => About(r, "event.cancelled", id));

            hook.Receiver.Status = 200;
            await WithDb(db => db.Set<WebhookDelivery>().Where(d => d.WebhookId == hook.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1))));
            var cancelled = await hook.Receiver.WaitForAsync(r => About(r, "event.cancelled", id));
            var published = hook.Receiver.Requests.Last(r => About(r, "event.published", id));
            Assert.True(published.At <= cancelled.At);
            Assert.Equal("cancelled", (string)JsonNode.Parse(cancelled.Body)!["data"]!["event_status"]!);

            // Deleting it tells the partner it is gone, with its id.
            Assert.Equal(HttpStatusCode.NoContent, (await vendor.Client.DeleteAsync($"/api/dashboard/events/{id}/")).StatusCode);
            var removed = await hook.Receiver.WaitForAsync(r => About(r, "event.removed", id));
            Assert.Equal(id, (int)JsonNode.Parse(removed.Body)!["data"]!["id"]!);
        }
        finally
        {
            await EndAsync(hook);
        }
    }

    [Fact]
    public async Task A_receiver_that_hangs_is_cut_off_at_the_timeout_and_retried()
    {
        var (vendor, admin) = await SessionsAsync();
        var hook = await HookAsync(admin, WebhookEvents.Published);
        try
        {
            hook.Receiver.Delay = TimeSpan.FromSeconds(10);
            var id = await SubmitAsync(vendor, Unique("Therukoothu "));
            Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);
            var log = await WaitForLogAsync(admin, hook, d => (string?)d["error"] is not null);
            Assert.Contains("No answer within 2 s", (string)log["error"]!);
            Assert.InRange((int)log["duration"]!, 1500, 6000);
            Assert.Null((string?)log["outcome"]);
            Assert.NotNull((string?)log["next_attempt"]);
        }
        finally
        {
            await EndAsync(hook);
        }
    }

    [Fact]
    public async Task Two_senders_racing_send_each_attempt_once()
    {
        var (vendor, admin) = await SessionsAsync();
        var hook = await HookAsync(admin, WebhookEvents.Published);
        try
        {
            hook.Receiver.Delay = TimeSpan.FromMilliseconds(300);
            var sender = Factory.Services.GetRequiredService<WebhookSender>();
            var ids = new List<int>();
            for (var i = 0; i < 3; i++)
            {
                var id = await SubmitAsync(vendor, Unique("Race "));
                Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);
                ids.Add(id);
            }
            // The background sender and two more passes all at once.
            await Task.WhenAll(sender.SendDueAsync(CancellationToken.None), sender.SendDueAsync(CancellationToken.None));
            foreach (var id in ids)
            {
                await hook.Receiver.WaitForAsync(r => About(r, "event.published", id));
            }
            await Task.Delay(1000);
            foreach (var id in ids)
            {
                Assert.Single(hook.Receiver.Requests, r => About(r, "event.published", id));
            }
        }
        finally
        {
            await EndAsync(hook);
        }
    }

    [Fact]
    public async Task A_webhook_whose_deliveries_fail_for_a_day_is_disabled_and_the_admins_told()
    {
        var (vendor, admin) = await SessionsAsync();
        var hook = await HookAsync(admin, WebhookEvents.Published);
        try
        {
            hook.Receiver.Status = 410;
            await WithDb(db => db.Set<Webhook>().Where(w => w.Id == hook.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.FailingSince, DateTime.UtcNow.AddHours(-25))));
            var id = await SubmitAsync(vendor, Unique("Bhangra "));
            Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);
            await hook.Receiver.WaitForAsync(r => About(r, "event.published", id));

            var item = await WaitForAsync(async () =>
            {
                var w = await Json(await admin.Client.GetAsync($"/api/admin/webhooks/{hook.Id}/"));
                return (bool)w["is_active"]! ? null : w;
            });
            Assert.NotNull((string?)item["disabled_at"]);
            var notes = await Json(await admin.Client.GetAsync("/api/notifications/"));
            Assert.Contains(notes["results"]!.AsArray(), n => ((string)n!["message"]!).Contains($"Webhook {hook.Id}") && n["event"] is null);
            var audit = await Json(await admin.Client.GetAsync($"/api/admin/audit/?action=webhook.disabled"));
            Assert.Contains(audit["results"]!.AsArray(), a => (int)a!["target"]!["id"]! == hook.Id);

            // Disabled, it is told nothing more (nothing is kept for it); saved active again, it starts afresh.
            var count = hook.Receiver.Requests.Count;
            var later = await SubmitAsync(vendor, Unique("Garba "));
            Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, later, "approve")).StatusCode);
            await Task.Delay(800);
            Assert.Equal(count, hook.Receiver.Requests.Count);
            hook.Receiver.Status = 200;
            var put = await admin.Client.PutAsync($"/api/admin/webhooks/{hook.Id}/", Body(new { url = new Uri(hook.Receiver.Address, "/hook").ToString(), events = new[] { "event.published" }, is_active = true }));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.Null((string?)(await Json(put))["failing_since"]);
            var again = await SubmitAsync(vendor, Unique("Lavani "));
            Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, again, "approve")).StatusCode);
            await hook.Receiver.WaitForAsync(r => About(r, "event.published", again));
            Assert.DoesNotContain(hook.Receiver.Requests, r => About(r, "event.published", later));
        }
        finally
        {
            await EndAsync(hook);
        }
    }

    [Fact]
    public async Task A_festival_approved_and_a_vendor_deactivated_are_announced()
    {
        var (_, admin) = await SessionsAsync();
        var vendor = await Sessions.SignInAsync(Factory);
        var hook = await HookAsync(admin, WebhookEvents.FestivalPublished, WebhookEvents.Removed, WebhookEvents.Published);
        try
        {
            var created = await vendor.Client.PostAsync("/api/dashboard/festivals/", Body(new
            {
                title = Unique("Navratri "),
                description = "Nine nights of garba.",
                city = "Vadodara",
                start_date = DateTime.UtcNow.AddDays(10).ToString("O"),
                end_date = DateTime.UtcNow.AddDays(19).ToString("O"),
                image_url = "https://cdn.example.com/f.jpg",
            }));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var festival = await Json(created);
            var festivalId = (int)festival["id"]!;
            Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/admin/festivals/{festivalId}/approve/", Body(new { version = (int)festival["version"]! }))).StatusCode);
            var published = await hook.Receiver.WaitForAsync(r => (string?)JsonNode.Parse(r.Body)!["type"] == "festival.published"
                && (int?)JsonNode.Parse(r.Body)!["data"]!["id"] == festivalId);
            Assert.EndsWith($"/f/{festivalId}", (string)JsonNode.Parse(published.Body)!["data"]!["share_url"]!);

            // Deactivating the vendor takes each of their public events out of the public: each one is announced.
            var one = await SubmitAsync(vendor, Unique("Dandiya "));
            var two = await SubmitAsync(vendor, Unique("Garba "));
            Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, one, "approve")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, two, "approve")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/admin/users/{vendor.Id}/deactivate/", null)).StatusCode);
            await hook.Receiver.WaitForAsync(r => About(r, "event.removed", one));
            await hook.Receiver.WaitForAsync(r => About(r, "event.removed", two));
        }
        finally
        {
            await EndAsync(hook);
        }
    }

    [Fact]
    public async Task Bad_webhook_input_is_a_field_error()
    {
        var (_, admin) = await SessionsAsync();
        async Task<JsonNode> BadAsync(object body, string field)
        {
            var response = await admin.Client.PostAsync("/api/admin/webhooks/", Body(body));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await Json(response);
            Assert.NotNull(problem["details"]![field]);
            return problem;
        }
        await BadAsync(new { events = new[] { "event.published" } }, "url");
        await BadAsync(new { url = "ftp://93.184.215.14/x", events = new[] { "event.published" } }, "url");
        await BadAsync(new { url = "https://93.184.215.14/\0x", events = new[] { "event.published" } }, "url");
        await BadAsync(new { url = "https://93.184.215.14/x", events = Array.Empty<string>() }, "events");
        await BadAsync(new { url = "https://93.184.215.14/x", events = new[] { "event.exploded" } }, "events");
        await BadAsync(new { url = "https://93.184.215.14/x", events = new[] { "event.published" }, description = new string('d', 201) }, "description");
        await BadAsync(new { url = "https://93.184.215.14/" + new string('x', 600), events = new[] { "event.published" } }, "url");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.GetAsync("/api/admin/webhooks/999999/deliveries/")).StatusCode);
    }

    private static async Task<JsonNode> WaitForLogAsync(Session admin, Hook hook, Func<JsonNode, bool> match) =>
        await WaitForAsync(async () =>
            (await Json(await admin.Client.GetAsync($"/api/admin/webhooks/{hook.Id}/deliveries/")))["results"]!.AsArray().FirstOrDefault(d => match(d!)));

    private static async Task<JsonNode> WaitForAsync(Func<Task<JsonNode?>> probe)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until)
        {
            if (await probe() is { } found)
            {
                return found;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The expected state did not come within 20 s.");
    }
}
