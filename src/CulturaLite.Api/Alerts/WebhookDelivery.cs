using CulturaLite.Api.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Alerts;

/// <summary>
/// One change on its way to one webhook: written in the same transaction as the change (<see cref="WebhookTrigger"/>),
/// then leased, sent and retried by <see cref="WebhookSender"/> until delivered or given up, and kept as the log.
/// </summary>
public sealed class WebhookDelivery
{
    public const string Delivered = "delivered";
    public const string GivenUp = "failed";
    /// <summary>What it announced was gone before it could be sent (unpublished again, deleted): a later delivery says so.</summary>
    public const string Dropped = "dropped";

    /// <summary>How long a delivery is retried.</summary>
    public static readonly TimeSpan RetryFor = TimeSpan.FromHours(24);

    public long Id { get; private set; }
    public int WebhookId { get; private set; }
    public Webhook Webhook { get; private set; } = null!;

    /// <summary>`webhook-id`: the same on every attempt, so a receiver drops a repeat.</summary>
    public string MessageId { get; private set; } = "";

    public string Type { get; private set; } = "";

    /// <summary>The event it is about, while it exists (a new event's id is known only once it is saved).</summary>
    public int? EventId { get; private set; }
    public Event? Event { get; private set; }

    /// <summary>`event:{id}` or `festival:{id}`: deliveries about one subject go out in order.</summary>
    public string? Subject { get; private set; }

    /// <summary>The body, fixed at the first attempt, so every retry carries the same bytes.</summary>
    public string? Payload { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public DateTime? LastAttemptAt { get; private set; }
    public int? StatusCode { get; private set; }
    public int? DurationMs { get; private set; }
    public string? LastError { get; private set; }
    public DateTime? FinishedAt { get; private set; }

    /// <summary><see cref="Delivered"/>, <see cref="GivenUp"/> or <see cref="Dropped"/>; null while it is still to be sent.</summary>
    public string? Outcome { get; private set; }

    private WebhookDelivery() { }

    public static WebhookDelivery About(int webhookId, string type, Event e, DateTime now)
    {
        var d = New(webhookId, type, now);
        (d.Event, d.EventId) = (e, e.Id == 0 ? null : e.Id);
        d.Subject = e.Id == 0 ? null : Subjects.Event(e.Id);
        return d;
    }

    public static WebhookDelivery About(int webhookId, string type, int eventId, DateTime now)
    {
        var d = New(webhookId, type, now);
        (d.EventId, d.Subject) = (eventId, Subjects.Event(eventId));
        return d;
    }

    /// <summary>An event that left the public: its id is all a partner needs, and all that may remain of it.</summary>
    public static WebhookDelivery Removed(int webhookId, int eventId, bool stillExists, DateTime now)
    {
        var d = New(webhookId, WebhookEvents.Removed, now);
        (d.EventId, d.Subject) = (stillExists ? eventId : null, Subjects.Event(eventId));
        return d;
    }

    public static WebhookDelivery AboutFestival(int webhookId, int festivalId, DateTime now)
    {
        var d = New(webhookId, WebhookEvents.FestivalPublished, now);
        d.Subject = Subjects.Festival(festivalId);
        return d;
    }

    private static WebhookDelivery New(int webhookId, string type, DateTime now) => new()
    {
        WebhookId = webhookId,
        Type = type,
        MessageId = "msg_" + Guid.NewGuid().ToString("N"),
        CreatedAt = now,
        NextAttemptAt = now,
    };

    /// <summary>
    /// The wait after a failed attempt: 30 s, then doubling up to an hour, so the first retry comes within a minute
    /// and a receiver that is down for a day is still tried every hour.
    /// </summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20))));

    public static class Subjects
    {
        public static string Event(int id) => $"event:{id}";

        public static string Festival(int id) => $"festival:{id}";
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.ToTable("alerts_webhook_delivery");
        b.Property(d => d.MessageId).HasMaxLength(40).IsRequired();
        b.Property(d => d.Type).HasMaxLength(40).IsRequired();
        b.Property(d => d.Subject).HasMaxLength(40);
        b.Property(d => d.LastError).HasMaxLength(1000);
        b.Property(d => d.Outcome).HasMaxLength(20);
        b.HasOne(d => d.Webhook).WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
        // A deleted event keeps its deliveries (the log), without the link.
        b.HasOne(d => d.Event).WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.SetNull);
        // The sender's due query, the order per subject, and the log.
        b.HasIndex(d => new { d.FinishedAt, d.NextAttemptAt });
        b.HasIndex(d => new { d.WebhookId, d.Subject });
        b.HasIndex(d => new { d.WebhookId, d.EventId });
    }
}
