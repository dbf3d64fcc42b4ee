using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using CulturaLite.Api.Alerts;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Tests.Alerts;

/// <summary>
/// API.md "Web push": pushes reach a local push service that checks the VAPID signature and decrypts the payload with
/// the subscription's own keys, as a browser does; caps, removal on 410, back-off on 429, and the input rules.
/// </summary>
public abstract class PushTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(AlertSqliteFactory f) : PushTests(f), IClassFixture<AlertSqliteFactory>;

    public sealed class Postgres(AlertPostgresFactory f) : PushTests(f), IClassFixture<AlertPostgresFactory>;

    private async Task<string> PublicKeyAsync()
    {
        var key = await Client().GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>("/api/push/key/");
        return (string)key!["public_key"]!;
    }

    private async Task<HttpResponseMessage> SubscribeAsync(PushReceiver.Subscription s, object? filters = null, int? eventId = null) =>
        await Client().PostAsync("/api/push/subscriptions/", Body(new { endpoint = s.Endpoint, keys = new { p256dh = s.P256dh, auth = s.Auth }, filters, @event = eventId }));

    [Fact]
    public async Task A_new_event_matching_a_filter_is_pushed_signed_and_encrypted_for_that_browser()
    {
        await using var service = await PushReceiver.StartAsync();
        var browser = service.Subscribe();
        var word = Unique("lavani");
        var subscribed = await SubscribeAsync(browser, new { search = word });

        var id = (int)(await PublishAsync(EventBody($"Folk {word}")))["id"]!;
        var push = await service.WaitForAsync(p => p.Endpoint == browser.Endpoint);

        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        Assert.True((int)(await Json(subscribed))["id"]! > 0);
        Assert.Null(push.Problem);
        Assert.Equal(await PublicKeyAsync(), push.VapidKey);
        Assert.Equal("mailto:alerts@culturalite.in", (string?)push.Claims!["sub"]);
        Assert.True((long)push.Claims["exp"]! > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Contains(word, (string)push.Message!["title"]!);
        Assert.EndsWith($"/e/{id}", (string)push.Message["url"]!);
        Assert.Contains("Pune", (string)push.Message["body"]!);
    }

    [Fact]
    public async Task A_filter_subscription_gets_at_most_three_new_events_a_day()
    {
        await using var service = await PushReceiver.StartAsync();
        var browser = service.Subscribe();
        var word = Unique("garba");
        await SubscribeAsync(browser, new { search = word });

        for (var i = 0; i < 4; i++)
        {
            await PublishAsync(EventBody($"Night {i} {word}"));
        }
        // Every notice worked through (the fourth after the third push may have gone out), then time for a stray push.
        var until = DateTime.UtcNow.AddSeconds(20);
        while (await WithDb(db => db.Set<AlertNotice>().CountAsync(n => n.DoneAt != null && n.Event!.Title.Contains(word))) < 4)
        {
            Assert.True(DateTime.UtcNow < until, "The notices were not worked through.");
            await Task.Delay(100);
        }
        await Task.Delay(1000);

        Assert.Equal(3, service.Pushes.Count(p => p.Endpoint == browser.Endpoint));
    }

    [Fact]
    public async Task Followers_of_an_event_hear_of_its_cancellation()
    {
        await using var service = await PushReceiver.StartAsync();
        var browser = service.Subscribe();
        var id = (int)(await PublishAsync(EventBody($"Tamasha {Unique("t")}")))["id"]!;
        Assert.Equal(HttpStatusCode.Created, (await SubscribeAsync(browser, eventId: id)).StatusCode);
        var (vendor, _) = await SessionsAsync();

        await vendor.Client.PostAsync($"/api/dashboard/events/{id}/cancel/", Body(new { reason = "Flood" }));
        var push = await service.WaitForAsync(p => p.Endpoint == browser.Endpoint);

        Assert.Null(push.Problem);
        Assert.StartsWith("Cancelled:", (string)push.Message!["title"]!);
    }

    [Fact]
    public async Task An_endpoint_answering_410_is_removed()
    {
        await using var service = await PushReceiver.StartAsync();
        var browser = service.Subscribe();
        service.Status[browser.Endpoint] = 410;
        var id = (int)(await PublishAsync(EventBody($"Jatra {Unique("j")}")))["id"]!;
        await SubscribeAsync(browser, eventId: id);
        var (vendor, _) = await SessionsAsync();

        await vendor.Client.PostAsync($"/api/dashboard/events/{id}/cancel/", Body(new { }));
        await service.WaitForAsync(p => p.Endpoint == browser.Endpoint);
        var until = DateTime.UtcNow.AddSeconds(10);
        while (await WithDb(db => db.Set<PushSubscription>().AnyAsync(p => p.Endpoint == browser.Endpoint)) && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
        }

        Assert.False(await WithDb(db => db.Set<PushSubscription>().AnyAsync(p => p.Endpoint == browser.Endpoint)));
    }

    [Fact]
    public async Task A_push_answered_429_waits_and_is_sent_again()
    {
        await using var service = await PushReceiver.StartAsync();
        var browser = service.Subscribe();
        service.Status[browser.Endpoint] = -429;
        // Longer than the first back-off (30 s): the push service's wish is the one kept.
        service.RetryAfterSeconds = 300;
        var id = (int)(await PublishAsync(EventBody($"Nautanki {Unique("n")}")))["id"]!;
        await SubscribeAsync(browser, eventId: id);
        var (vendor, _) = await SessionsAsync();

        await vendor.Client.PostAsync($"/api/dashboard/events/{id}/cancel/", Body(new { }));
        await service.WaitForAsync(p => p.Endpoint == browser.Endpoint);
        var waiting = await WaitForMessageAsync(browser.Endpoint, m => m.StatusCode == 429);
        Assert.Null(waiting.FinishedAt);
        Assert.InRange(waiting.NextAttemptAt, DateTime.UtcNow.AddSeconds(280), DateTime.UtcNow.AddSeconds(310));

        // The back-off passes (moved forward here rather than waited out).
        await WithDb(db => db.Set<PushMessage>().Where(m => m.Id == waiting.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow)));
        var delivered = await WaitForMessageAsync(browser.Endpoint, m => m.Outcome == "delivered");

        Assert.Equal(2, delivered.Attempts);
        Assert.Equal(2, service.Pushes.Count(p => p.Endpoint == browser.Endpoint));
    }

    [Fact]
    public async Task Another_4xx_is_final_and_not_sent_again()
    {
        await using var service = await PushReceiver.StartAsync();
        var browser = service.Subscribe();
        service.Status[browser.Endpoint] = 400;
        var id = (int)(await PublishAsync(EventBody($"Pandavani {Unique("p")}")))["id"]!;
        await SubscribeAsync(browser, eventId: id);
        var (vendor, _) = await SessionsAsync();

        await vendor.Client.PostAsync($"/api/dashboard/events/{id}/cancel/", Body(new { }));
        var failed = await WaitForMessageAsync(browser.Endpoint, m => m.Outcome == "failed");

        Assert.Equal(1, failed.Attempts);
        Assert.Equal(400, failed.StatusCode);
        Assert.True(await WithDb(db => db.Set<PushSubscription>().AnyAsync(p => p.Endpoint == browser.Endpoint)));
    }

    [Fact]
    public async Task A_series_is_pushed_once_by_its_first_date()
    {
        await using var service = await PushReceiver.StartAsync();
        var browser = service.Subscribe();
        var word = Unique("kirtan");
        await SubscribeAsync(browser, new { search = word });

        var head = (int)(await PublishAsync(EventBody($"Weekly {word}", extra: new { recurrence = new { rule = "FREQ=WEEKLY;COUNT=4" } })))["id"]!;
        var push = await service.WaitForAsync(p => p.Endpoint == browser.Endpoint);
        var until = DateTime.UtcNow.AddSeconds(20);
        while (await WithDb(db => db.Set<AlertNotice>().CountAsync(n => n.DoneAt != null && n.Event!.Title.Contains(word))) < 4)
        {
            Assert.True(DateTime.UtcNow < until, "The notices were not worked through.");
            await Task.Delay(100);
        }
        await Task.Delay(1000);

        Assert.Single(service.Pushes, p => p.Endpoint == browser.Endpoint);
        Assert.EndsWith($"/e/{head}", (string)push.Message!["url"]!);
    }

    private async Task<PushMessage> WaitForMessageAsync(string endpoint, Func<PushMessage, bool> match)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var messages = await WithDb(db => db.Set<PushMessage>().AsNoTracking()
                .Where(m => db.Set<PushSubscription>().Any(p => p.Id == m.SubscriptionId && p.Endpoint == endpoint)).ToListAsync());
            if (messages.FirstOrDefault(match) is { } found)
            {
                return found;
            }
            Assert.True(DateTime.UtcNow < until, "Timed out waiting for the push's state.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Unsubscribing_an_endpoint_ends_its_subscriptions()
    {
        await using var service = await PushReceiver.StartAsync();
        var browser = service.Subscribe();
        await SubscribeAsync(browser, new { city = "Pune" });
        await SubscribeAsync(browser, new { city = "Mumbai" });

        var deleted = await Client().SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/push/subscriptions/") { Content = Body(new { endpoint = browser.Endpoint }) });

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(await WithDb(db => db.Set<PushSubscription>().AnyAsync(p => p.Endpoint == browser.Endpoint)));
    }

    public static TheoryData<string, string> Refused => new()
    {
        { """{"endpoint": "https://evil.example.com/push/1", "keys": {"p256dh": "$P", "auth": "$A"}, "filters": {}}""", "endpoint" },
        { """{"endpoint": "http://fcm.googleapis.com/fcm/send/x", "keys": {"p256dh": "$P", "auth": "$A"}, "filters": {}}""", "endpoint" },
        { """{"endpoint": "https://fcm.googleapis.com.evil.example/x", "keys": {"p256dh": "$P", "auth": "$A"}, "filters": {}}""", "endpoint" },
        { """{"endpoint": "https://fcm.googleapis.com/fcm/send/x", "keys": {"p256dh": "$NOTPOINT", "auth": "$A"}, "filters": {}}""", "keys.p256dh" },
        { """{"endpoint": "https://fcm.googleapis.com/fcm/send/x", "keys": {"p256dh": "$P", "auth": "c2hvcnQ"}, "filters": {}}""", "keys.auth" },
        { """{"endpoint": "https://fcm.googleapis.com/fcm/send/x", "keys": {"p256dh": "not base64!", "auth": "$A"}, "filters": {}}""", "keys.p256dh" },
        { """{"endpoint": "https://fcm.googleapis.com/fcm/send/x", "keys": {"p256dh": "$P", "auth": "$A"}}""", "filters" },
        { """{"endpoint": "https://fcm.googleapis.com/fcm/send/x", "keys": {"p256dh": "$P", "auth": "$A"}, "filters": {}, "event": 1}""", "event" },
        { """{"endpoint": "https://fcm.googleapis.com/fcm/send/x", "keys": {"p256dh": "$P", "auth": "$A"}, "event": 999999999}""", "event" },
        { """{"endpoint": "https://fcm.googleapis.com/fcm/send/x", "keys": {"p256dh": "$P", "auth": "$A"}, "filters": {"colour": "red"}}""", "filters" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Endpoints_off_the_push_services_and_keys_that_are_not_p256_points_are_refused(string json, string field)
    {
        using var key = System.Security.Cryptography.ECDiffieHellman.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(false).Q;
        var point = Base64Url.EncodeToString([0x04, .. q.X!, .. q.Y!]);
        // The same length and prefix, one coordinate changed: not on the curve.
        var notPoint = Base64Url.EncodeToString([0x04, .. q.X!, .. q.Y![..31], (byte)(q.Y[31] ^ 1)]);
        json = json.Replace("$NOTPOINT", notPoint).Replace("$P", point).Replace("$A", Base64Url.EncodeToString(new byte[16]));

        var response = await Client().PostAsync("/api/push/subscriptions/", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json(response))["errors"]![field]);
    }

    [Fact]
    public async Task A_push_service_endpoint_is_accepted()
    {
        using var key = System.Security.Cryptography.ECDiffieHellman.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(false).Q;
        var response = await Client().PostAsync("/api/push/subscriptions/", Body(new
        {
            endpoint = $"https://fcm.googleapis.com/fcm/send/{Unique("d")}",
            keys = new { p256dh = Base64Url.EncodeToString([0x04, .. q.X!, .. q.Y!]), auth = Base64Url.EncodeToString(new byte[16]) },
            filters = new { city = "Pune" },
        }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
