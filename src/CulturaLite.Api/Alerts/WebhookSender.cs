using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Notifications;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace CulturaLite.Api.Alerts;

/// <summary>Lets a save that wrote deliveries wake the sender instead of waiting for its next poll.</summary>
public sealed class WebhookSignal : WakeSignal;

/// <summary>
/// Delivers webhook deliveries as the email outbox delivers mail: each attempt is claimed and counted in the database
/// before it goes out (so several instances never send the same attempt, and a crash still backs off), retried with
/// back-off for a day, and in order per event: a delivery waits while an earlier one about the same subject to the
/// same webhook is unfinished. Webhooks are served side by side, so one slow receiver does not hold up the others.
/// </summary>
public sealed class WebhookSender(
    IServiceScopeFactory scopes,
    WebhookSignal signal,
    IHttpClientFactory http,
    IOptions<WebhookOptions> webhookOptions,
    IOptions<Outbound.OutboundOptions> outboundOptions,
    IOptions<SiteOptions> site,
    IOptions<EmailOptions> email,
    IOptions<JsonOptions> json,
    TimeProvider clock,
    ILogger<WebhookSender> logger) : DueWorkSender(signal, logger)
{
    private readonly WebhookOptions options = webhookOptions.Value;

    /// <summary>A claim outlives the request (cut off at the outbound timeout) by this much.</summary>
    private static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(20);

    private TimeSpan Lease => TimeSpan.FromSeconds(outboundOptions.Value.TimeoutSeconds) + LeaseMargin;

    private sealed record Due(long Id, int WebhookId, int Attempts, string Type, int? EventId, string? Subject, string? Payload, string MessageId, DateTime CreatedAt);

    protected override TimeSpan Poll => TimeSpan.FromSeconds(Math.Max(0.05, options.PollSeconds));

    protected override string Name => "Webhook sender";

    /// <summary>A later delivery about the same event becomes due when this pass finishes the earlier one.</summary>
    protected override async Task<bool> PassAsync(CancellationToken ct) => await SendDueAsync(ct) > 0;

    /// <summary>One pass over the due deliveries; returns how many were attempted.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        List<Due> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            var deliveries = db.Set<WebhookDelivery>();
            due = await deliveries.AsNoTracking()
                .Where(d => d.FinishedAt == null && d.NextAttemptAt <= now && d.Webhook.IsActive)
                .Where(d => !deliveries.Any(o => o.WebhookId == d.WebhookId && o.Id < d.Id && o.FinishedAt == null
                    && ((o.EventId != null && o.EventId == d.EventId) || (o.Subject != null && o.Subject == d.Subject))))
                .OrderBy(d => d.Id).Take(options.BatchSize)
                .Select(d => new Due(d.Id, d.WebhookId, d.Attempts, d.Type, d.EventId, d.Subject, d.Payload, d.MessageId, d.CreatedAt))
                .ToListAsync(ct);
        }
        // Webhooks side by side, and a few deliveries to each at once: a batch holds at most one delivery per subject
        // and webhook (the order query above), so nothing about one event overtakes another.
        await Parallel.ForEachAsync(due.GroupBy(d => d.WebhookId), new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct },
            async (group, token) => await Parallel.ForEachAsync(group, new ParallelOptions { MaxDegreeOfParallelism = options.PerWebhook, CancellationToken = token },
                async (delivery, inner) =>
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await AttemptAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), delivery, inner);
                }));
        return due.Count;
    }

    private async Task AttemptAsync(AppDbContext db, Due seen, CancellationToken ct)
    {
        var deliveries = db.Set<WebhookDelivery>();
        var started = clock.GetUtcNow().UtcDateTime;
        var leasedUntil = started + Lease;
        var claimed = await deliveries.Where(d => d.Id == seen.Id && d.FinishedAt == null && d.Attempts == seen.Attempts)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Attempts, d => d.Attempts + 1).SetProperty(d => d.NextAttemptAt, leasedUntil)
                .SetProperty(d => d.LastAttemptAt, started), ct) == 1;
        if (!claimed)
        {
            return;
        }
        var webhook = await db.Set<Webhook>().AsNoTracking().FirstAsync(w => w.Id == seen.WebhookId, ct);
        var payload = seen.Payload;
        if (payload is null)
        {
            var (body, subject) = await PayloadAsync(db, seen, webhook, ct);
            if (body is null)
            {
                await deliveries.Where(d => d.Id == seen.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.FinishedAt, started)
                    .SetProperty(d => d.Outcome, WebhookDelivery.Dropped), CancellationToken.None);
                return;
            }
            payload = body;
            await deliveries.Where(d => d.Id == seen.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Payload, body).SetProperty(d => d.Subject, subject), ct);
        }

        int? status = null;
        string? error = null;
        var watch = Stopwatch.StartNew();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
            var timestamp = clock.GetUtcNow();
            request.Headers.Add("webhook-id", seen.MessageId);
            request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", new StandardWebhook(webhook.Secret).Sign(seen.MessageId, timestamp, payload));
            using var response = await http.CreateClient(Outbound.OutboundModule.Client).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                error = $"The receiver answered {status}.";
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            error = e is TaskCanceledException ? $"No answer within {outboundOptions.Value.TimeoutSeconds} s." : Trim(e.GetBaseException().Message);
        }
        var duration = (int)watch.ElapsedMilliseconds;
        var now = clock.GetUtcNow().UtcDateTime;
        if (error is null)
        {
            await deliveries.Where(d => d.Id == seen.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.FinishedAt, now).SetProperty(d => d.Outcome, WebhookDelivery.Delivered)
                .SetProperty(d => d.StatusCode, status).SetProperty(d => d.DurationMs, duration).SetProperty(d => d.LastError, (string?)null), CancellationToken.None);
            await db.Set<Webhook>().Where(w => w.Id == webhook.Id && w.FailingSince != null)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.FailingSince, (DateTime?)null), CancellationToken.None);
            return;
        }
        Log.LogWarning("Webhook {WebhookId} delivery {DeliveryId} ({Type}) failed on attempt {Attempt}: {Error}", webhook.Id, seen.Id, seen.Type, seen.Attempts + 1, error);
        var givenUp = now - seen.CreatedAt >= WebhookDelivery.RetryFor;
        var next = now + WebhookDelivery.Backoff(seen.Attempts + 1);
        await deliveries.Where(d => d.Id == seen.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.StatusCode, status).SetProperty(d => d.DurationMs, duration)
            .SetProperty(d => d.LastError, error).SetProperty(d => d.NextAttemptAt, next)
            .SetProperty(d => d.FinishedAt, givenUp ? now : null).SetProperty(d => d.Outcome, givenUp ? WebhookDelivery.GivenUp : null), CancellationToken.None);
        await RecordFailureAsync(db, webhook.Id, now);
    }

    /// <summary>The body and subject of a delivery's first attempt; a null body when what it announced is no longer public.</summary>
    private async Task<(string? Body, string? Subject)> PayloadAsync(AppDbContext db, Due delivery, Webhook webhook, CancellationToken ct)
    {
        var baseUrl = site.Value.BaseUrl(webhook.LinkBase);
        object? data;
        string? subject = delivery.Subject;
        if (delivery.Type == WebhookEvents.FestivalPublished)
        {
            var id = int.Parse(delivery.Subject!["festival:".Length..], System.Globalization.CultureInfo.InvariantCulture);
            data = (await db.Festivals.AsNoTracking().Where(f => f.Id == id).Where(Festivals.Festival.IsPublic)
                .Select(Festivals.FestivalResponse.Projection).FirstOrDefaultAsync(ct))?.Linked(baseUrl);
        }
        else if (delivery.Type == WebhookEvents.Removed)
        {
            data = new { id = int.Parse(delivery.Subject!["event:".Length..], System.Globalization.CultureInfo.InvariantCulture) };
        }
        else if (delivery.EventId is { } eventId)
        {
            subject ??= WebhookDelivery.Subjects.Event(eventId);
            var item = await db.Events.AsNoTracking().Where(e => e.Id == eventId).Where(Event.IsPublic).Select(EventResponse.Projection).FirstOrDefaultAsync(ct);
            data = item is null ? null : (await SeriesDates.FillAsync(db, [item], clock.GetUtcNow().UtcDateTime, ct))[0].In([]).Linked(baseUrl);
        }
        else
        {
            data = null;
        }
        if (data is null)
        {
            return (null, subject);
        }
        var body = JsonSerializer.Serialize(new WebhookPayload(delivery.Type, delivery.CreatedAt, data), json.Value.JsonSerializerOptions);
        return (body, subject);
    }

    /// <summary>
    /// Counts a failure against the webhook; after a day of nothing but failures it is disabled and every admin told,
    /// once: of several senders, the one whose conditional update disables it tells them.
    /// </summary>
    private async Task RecordFailureAsync(AppDbContext db, int webhookId, DateTime now)
    {
        var webhooks = db.Set<Webhook>();
        await webhooks.Where(w => w.Id == webhookId && w.FailingSince == null)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.FailingSince, now), CancellationToken.None);
        var failingSince = now - Webhook.FailingLimit;
        if (await webhooks.Where(w => w.Id == webhookId && w.IsActive && w.FailingSince <= failingSince)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.IsActive, false).SetProperty(w => w.DisabledAt, now).SetProperty(w => w.UpdatedAt, now), CancellationToken.None) == 0)
        {
            return;
        }
        var url = await webhooks.Where(w => w.Id == webhookId).Select(w => w.Url).FirstAsync(CancellationToken.None);
        var message = $"Webhook {webhookId} ({url}) was disabled: its deliveries have failed for 24 hours. Fix the receiver, then save the webhook as active again.";
        var admins = await db.Users.AsNoTracking().Where(u => u.Role == Roles.Admin && u.IsActive).Select(u => new { u.Id, u.Email }).ToListAsync(CancellationToken.None);
        foreach (var admin in admins)
        {
            db.Notifications.Add(Notification.ToUser(admin.Id, message, now));
            db.OutboxEmails.Add(OutboxEmail.Create(admin.Email, $"CulturaLite: webhook {webhookId} was disabled", message, email.Value.Domain, now));
        }
        db.AuditEntries.Add(Moderation.AuditEntry.For(now, null, null, "webhook.disabled", "webhook", webhookId, new { url }));
        await db.SaveChangesAsync(CancellationToken.None);
        Log.LogWarning("Webhook {WebhookId} disabled after 24 hours of failed deliveries", webhookId);
    }

    private static string Trim(string message) => message.Length > 1000 ? message[..1000] : message;
}

/// <summary>A delivery's body: `{"type", "timestamp", "data"}`.</summary>
public sealed record WebhookPayload(string Type, DateTime Timestamp, object Data);
