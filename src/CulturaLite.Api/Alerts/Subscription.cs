using CulturaLite.Api.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Alerts;

/// <summary>
/// An email subscription to a digest of new events matching some filters, held by an address without an account.
/// Nothing but its confirmation is sent until it is confirmed (double opt-in).
/// </summary>
public sealed class Subscription
{
    public const int FiltersMaxLength = 2000;

    public int Id { get; private set; }
    public string Email { get; private set; } = "";
    /// <summary>The address as compared: per-address limits and the "manage" link.</summary>
    public string NormalizedEmail { get; private set; } = "";
    public string Frequency { get; private set; } = DigestFrequency.Weekly;
    /// <summary>The filters as the list's query string, canonical (<see cref="SubscriptionFilters"/>): equal filters, equal text.</summary>
    public string Filters { get; private set; } = "";
    /// <summary>
    /// Unsubscribes (and opens the "manage" page): 256 random bits. Kept as it is, not hashed, because every digest
    /// carries it in its List-Unsubscribe header; it can only end this subscription.
    /// </summary>
    public string Token { get; private set; } = "";
    /// <summary>SHA-256 of the confirmation link's token; null once confirmed.</summary>
    public string? ConfirmHash { get; private set; }
    public DateTime? ConfirmExpiresAt { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? ConfirmedAt { get; private set; }
    /// <summary>Until when the last digest looked: the next one holds what was approved after it.</summary>
    public DateTime? LastDigestAt { get; private set; }
    public DateTime? NextDigestAt { get; private set; }
    /// <summary>A digest run holding this subscription until <see cref="ClaimedUntil"/> (another instance leaves it alone).</summary>
    public string? ClaimedBy { get; private set; }
    public DateTime? ClaimedUntil { get; private set; }
    /// <summary>The origin the links in its emails point to (the request's, unless `Site:PublicBaseUrl` is set when sending).</summary>
    public string LinkBase { get; private set; } = "";

    private Subscription() { }

    /// <summary>A pending subscription and the confirmation token for its email (the only copy of it).</summary>
    public static (Subscription Subscription, string ConfirmToken) Create(string email, string frequency, string filters, string linkBase, TimeSpan confirmLifetime, DateTime now)
    {
        var subscription = new Subscription
        {
            Email = email,
            NormalizedEmail = User.NormalizeEmail(email),
            Frequency = frequency,
            Filters = filters,
            Token = AccountToken.NewText(),
            CreatedAt = now,
            LinkBase = linkBase,
        };
        return (subscription, subscription.RenewConfirmation(confirmLifetime, now));
    }

    public bool IsConfirmed => ConfirmedAt is not null;

    /// <summary>A new confirmation token (the older one stops working); null when already confirmed.</summary>
    public string RenewConfirmation(TimeSpan lifetime, DateTime now)
    {
        var token = AccountToken.NewText();
        ConfirmHash = AccountToken.HashOf(token);
        ConfirmExpiresAt = now + lifetime;
        return token;
    }

    /// <summary>Confirmed now: its first digest holds what is approved from now on, at the frequency's next time.</summary>
    public void Confirm(DateTime now, DateTime nextDue)
    {
        ConfirmedAt = now;
        ConfirmHash = null;
        ConfirmExpiresAt = null;
        LastDigestAt = now;
        NextDigestAt = nextDue;
    }
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> b)
    {
        b.ToTable("alerts_subscription");
        b.Property(s => s.Email).HasMaxLength(User.EmailMaxLength).IsRequired();
        b.Property(s => s.NormalizedEmail).HasMaxLength(User.EmailMaxLength).IsRequired();
        b.Property(s => s.Frequency).HasMaxLength(10).IsRequired();
        b.Property(s => s.Filters).HasMaxLength(Subscription.FiltersMaxLength).IsRequired();
        b.Property(s => s.Token).HasMaxLength(64).IsRequired();
        b.Property(s => s.ConfirmHash).HasMaxLength(64);
        b.Property(s => s.ClaimedBy).HasMaxLength(40);
        b.Property(s => s.LinkBase).HasMaxLength(300).IsRequired();
        b.HasIndex(s => s.Token).IsUnique();
        b.HasIndex(s => s.ConfirmHash).IsUnique();
        b.HasIndex(s => s.NormalizedEmail);
        b.HasIndex(s => new { s.Frequency, s.NextDigestAt });
    }
}

/// <summary>An event that a subscription's digest included: a cancellation or a new date then sends it a notice.</summary>
public sealed class DigestedEvent
{
    public int SubscriptionId { get; init; }
    public int EventId { get; init; }
}

internal sealed class DigestedEventConfiguration : IEntityTypeConfiguration<DigestedEvent>
{
    public void Configure(EntityTypeBuilder<DigestedEvent> b)
    {
        b.ToTable("alerts_digested_event");
        b.HasKey(d => new { d.EventId, d.SubscriptionId });
        b.HasIndex(d => d.SubscriptionId);
        b.HasOne<Subscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Events.Event>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
