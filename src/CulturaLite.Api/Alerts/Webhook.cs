using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Alerts;

/// <summary>A partner's endpoint (a city portal, a tourism board) that is told about public changes, signed.</summary>
public sealed class Webhook
{
    public const int UrlMaxLength = 500;
    public const int DescriptionMaxLength = 200;

    /// <summary>How long every delivery may fail before the webhook is disabled and the admins told.</summary>
    public static readonly TimeSpan FailingLimit = TimeSpan.FromHours(24);

    public int Id { get; private set; }
    public string Url { get; private set; } = "";
    public IReadOnlyList<string> Events { get; private set; } = [];
    public string Description { get; private set; } = "";

    /// <summary>The Standard Webhooks signing key (`whsec_` and base64), shown to the admin once.</summary>
    public string Secret { get; private set; } = "";

    public bool IsActive { get; private set; }

    /// <summary>The origin of the share links in payloads when `Site:PublicBaseUrl` is not set: the creating admin's.</summary>
    public string LinkBase { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>Since when every delivery has failed (null after a success).</summary>
    public DateTime? FailingSince { get; private set; }

    public DateTime? DisabledAt { get; private set; }

    private Webhook() { }

    public static Webhook Create(WebhookDetails details, string linkBase, DateTime now)
    {
        var w = new Webhook { CreatedAt = now, LinkBase = linkBase, Secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        w.Edit(details, now);
        return w;
    }

    /// <summary>Replaces what an admin sets; saving it active again starts it afresh.</summary>
    public void Edit(WebhookDetails details, DateTime now)
    {
        (Url, Events, Description, UpdatedAt) = (details.Url, details.Events, details.Description, now);
        if (details.IsActive && !IsActive)
        {
            (FailingSince, DisabledAt) = (null, null);
        }
        IsActive = details.IsActive;
    }

    public bool Wants(string type) => IsActive && Events.Contains(type);
}

/// <summary>What an admin sets on a webhook.</summary>
public sealed record WebhookDetails(string Url, IReadOnlyList<string> Events, string Description, bool IsActive);

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> b)
    {
        b.ToTable("alerts_webhook");
        b.Property(w => w.Url).HasMaxLength(Webhook.UrlMaxLength).IsRequired();
        b.Property(w => w.Events).IsRequired().HasConversion(new Web.ListColumns.Strings(), new Web.ListColumns.StringsComparer());
        b.Property(w => w.Description).HasMaxLength(Webhook.DescriptionMaxLength).IsRequired();
        b.Property(w => w.Secret).HasMaxLength(100).IsRequired();
        b.Property(w => w.LinkBase).HasMaxLength(Webhook.UrlMaxLength).IsRequired();
    }
}
