using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Alerts;

/// <summary>
/// A browser's push subscription (RFC 8030): its endpoint on a push service and its encryption keys (RFC 8291), with
/// what it asked for: new events matching <see cref="Filters"/>, or news of one followed event (<see cref="EventId"/>).
/// </summary>
public sealed class PushSubscription
{
    public const int EndpointMaxLength = 1000;

    public int Id { get; private set; }
    public string Endpoint { get; private set; } = "";
    /// <summary>The browser's P-256 public key, base64url.</summary>
    public string P256dh { get; private set; } = "";
    /// <summary>The browser's 16-byte authentication secret, base64url.</summary>
    public string Auth { get; private set; } = "";
    /// <summary>The list's query string (<see cref="SubscriptionFilters"/>) for new events; null when it follows an event.</summary>
    public string? Filters { get; private set; }
    public int? EventId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    /// <summary>The origin of the links in its pushes.</summary>
    public string LinkBase { get; private set; } = "";

    private PushSubscription() { }

    public static PushSubscription Create(string endpoint, string p256dh, string auth, string? filters, int? eventId, string linkBase, DateTime now) => new()
    {
        Endpoint = endpoint,
        P256dh = p256dh,
        Auth = auth,
        Filters = filters,
        EventId = eventId,
        CreatedAt = now,
        LinkBase = linkBase,
    };

    /// <summary>The browser sent new keys for the same endpoint (a renewed subscription).</summary>
    public void Rekey(string p256dh, string auth)
    {
        P256dh = p256dh;
        Auth = auth;
    }
}

internal sealed class PushSubscriptionConfiguration : IEntityTypeConfiguration<PushSubscription>
{
    public void Configure(EntityTypeBuilder<PushSubscription> b)
    {
        b.ToTable("alerts_push_subscription");
        b.Property(p => p.Endpoint).HasMaxLength(PushSubscription.EndpointMaxLength).IsRequired();
        b.Property(p => p.P256dh).HasMaxLength(100).IsRequired();
        b.Property(p => p.Auth).HasMaxLength(50).IsRequired();
        b.Property(p => p.Filters).HasMaxLength(Subscription.FiltersMaxLength);
        b.Property(p => p.LinkBase).HasMaxLength(300).IsRequired();
        b.HasIndex(p => p.Endpoint);
        b.HasIndex(p => p.EventId);
        b.HasOne<Events.Event>().WithMany().HasForeignKey(p => p.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>One push to send (or sent) to a subscription: its payload, attempts and outcome.</summary>
public sealed class PushMessage
{
    /// <summary>A new event matching the filters: counted against the daily cap.</summary>
    public const string NewEvent = "new";
    public const string Notice = "notice";

    public static readonly TimeSpan RetryFor = TimeSpan.FromHours(24);

    public long Id { get; private set; }
    public int SubscriptionId { get; private set; }
    public string Kind { get; private set; } = NewEvent;
    /// <summary>The JSON `{"title", "body", "url"}` encrypted for the browser.</summary>
    public string Payload { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public int? StatusCode { get; private set; }
    public string? LastError { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    /// <summary>`delivered` or `failed`, once finished.</summary>
    public string? Outcome { get; private set; }

    private PushMessage() { }

    public static PushMessage Create(int subscriptionId, string kind, string payload, DateTime now) => new()
    {
        SubscriptionId = subscriptionId,
        Kind = kind,
        Payload = payload,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    /// <summary>30 seconds after the first failure, doubling to an hour.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20))));
}

internal sealed class PushMessageConfiguration : IEntityTypeConfiguration<PushMessage>
{
    public void Configure(EntityTypeBuilder<PushMessage> b)
    {
        b.ToTable("alerts_push_message");
        b.Property(m => m.Kind).HasMaxLength(10).IsRequired();
        b.Property(m => m.Payload).HasMaxLength(4000).IsRequired();
        b.Property(m => m.LastError).HasMaxLength(1000);
        b.Property(m => m.Outcome).HasMaxLength(10);
        b.HasIndex(m => new { m.FinishedAt, m.NextAttemptAt });
        b.HasIndex(m => new { m.SubscriptionId, m.Kind, m.CreatedAt });
        b.HasOne<PushSubscription>().WithMany().HasForeignKey(m => m.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}
