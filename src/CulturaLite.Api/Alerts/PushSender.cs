using System.Net;
using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Alerts;

/// <summary>Lets a save that wrote pushes wake the sender instead of waiting for its next poll.</summary>
public sealed class PushSignal : WakeSignal;

/// <summary>
/// Sends pushes through Lib.Net.Http.WebPush (RFC 8291 aes128gcm encryption, RFC 8292 VAPID) over the outbound client
/// (public addresses only). Each attempt is claimed and counted before it goes out, as the outbox does. A push service
/// answering 404 or 410 has forgotten the subscription: it is removed. 429 and 5xx (and a failed connection) are tried
/// again with back-off (at least the `Retry-After` asked) for a day; another 4xx is final.
/// </summary>
public sealed class PushSender(
    IServiceScopeFactory scopes,
    PushSignal signal,
    IHttpClientFactory http,
    VapidKeys keys,
    IOptions<PushOptions> pushOptions,
    IOptions<Outbound.OutboundOptions> outbound,
    TimeProvider clock,
    ILogger<PushSender> logger) : DueWorkSender(signal, logger)
{
    public const int BatchSize = 50;

    private TimeSpan Lease => TimeSpan.FromSeconds(outbound.Value.TimeoutSeconds + 20);

    protected override TimeSpan Poll => TimeSpan.FromSeconds(Math.Max(0.05, pushOptions.Value.PollSeconds));

    protected override string Name => "Push sender";

    protected override async Task<bool> PassAsync(CancellationToken ct) => keys.Available && await SendDueAsync(ct) == BatchSize;

    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<PushMessage>().AsNoTracking()
            .Where(m => m.FinishedAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id).Take(BatchSize)
            .Join(db.Set<PushSubscription>().AsNoTracking(), m => m.SubscriptionId, s => s.Id, (m, s) => new { Message = m, Subscription = s })
            .ToListAsync(ct);
        var client = new PushServiceClient(http.CreateClient(Outbound.OutboundModule.Client)) { AutoRetryAfter = false };
        using var vapid = new VapidAuthentication(keys.PublicKey!, keys.PrivateKey!) { Subject = pushOptions.Value.Subject };
        foreach (var (message, subscription) in due.Select(d => (d.Message, d.Subscription)))
        {
            var leased = clock.GetUtcNow().UtcDateTime + Lease;
            var claimed = await db.Set<PushMessage>().Where(m => m.Id == message.Id && m.FinishedAt == null && m.Attempts == message.Attempts)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.NextAttemptAt, leased), ct) == 1;
            if (!claimed)
            {
                continue;
            }
            await SendAsync(db, client, vapid, message, subscription, ct);
        }
        return due.Count;
    }

    private async Task SendAsync(AppDbContext db, PushServiceClient client, VapidAuthentication vapid, PushMessage message, PushSubscription subscription, CancellationToken ct)
    {
        var target = new Lib.Net.Http.WebPush.PushSubscription { Endpoint = subscription.Endpoint };
        target.SetKey(PushEncryptionKeyName.P256DH, subscription.P256dh);
        target.SetKey(PushEncryptionKeyName.Auth, subscription.Auth);
        var attempt = message.Attempts + 1;
        HttpStatusCode? status = null;
        TimeSpan? retryAfter = null;
        string? error = null;
        var unrecoverable = false;
        try
        {
            await client.RequestPushMessageDeliveryAsync(target, new Lib.Net.Http.WebPush.PushMessage(message.Payload) { TimeToLive = 86_400 }, vapid, VapidAuthenticationScheme.Vapid, ct);
            var done = clock.GetUtcNow().UtcDateTime;
            await db.Set<PushMessage>().Where(m => m.Id == message.Id).ExecuteUpdateAsync(u => u
                .SetProperty(m => m.FinishedAt, done).SetProperty(m => m.Outcome, "delivered").SetProperty(m => m.StatusCode, 201)
                .SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
            return;
        }
        catch (PushServiceClientException e)
        {
            status = e.StatusCode;
            retryAfter = e.Headers?.RetryAfter is { } ra ? ra.Delta ?? (ra.Date - clock.GetUtcNow()) : null;
            error = $"The push service answered {(int)e.StatusCode}.";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Outbound.OutboundRefusedException && !ct.IsCancellationRequested)
        {
            error = e is TaskCanceledException ? "The push service did not answer in time." : e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Anything else (a key the library refuses ...) would fail again: the push is finished as failed, not retried.
            unrecoverable = true;
            error = e.Message;
        }
        if (status is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            // The browser unsubscribed or the subscription expired: forget it (its pushes go with it).
            await db.Set<PushSubscription>().Where(s => s.Endpoint == subscription.Endpoint).ExecuteDeleteAsync(CancellationToken.None);
            Log.LogInformation("Push endpoint answered {Status}: its subscriptions were removed.", (int)status);
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var retry = !unrecoverable && (status is null || (int)status == 429 || (int)status >= 500);
        var nextAt = now + TimeSpan.FromTicks(Math.Max(PushMessage.Backoff(attempt).Ticks, (retryAfter ?? TimeSpan.Zero).Ticks));
        var final = !retry || nextAt > message.CreatedAt + PushMessage.RetryFor;
        var code = status is { } s ? (int?)(int)s : null;
        var text = error!.Length > 1000 ? error[..1000] : error;
        Log.LogWarning("Push {Id} failed (attempt {Attempt}): {Error}", message.Id, attempt, text);
        await db.Set<PushMessage>().Where(m => m.Id == message.Id).ExecuteUpdateAsync(u => u
            .SetProperty(m => m.StatusCode, code).SetProperty(m => m.LastError, text).SetProperty(m => m.NextAttemptAt, nextAt)
            .SetProperty(m => m.FinishedAt, final ? now : null).SetProperty(m => m.Outcome, final ? "failed" : null), CancellationToken.None);
    }
}
