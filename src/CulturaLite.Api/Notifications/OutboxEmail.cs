using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Notifications;

/// <summary>
/// An email waiting to be sent. It is written in the same transaction as the change it reports,
/// so a decision never goes unannounced; the sender retries with back-off until it is delivered.
/// </summary>
public sealed class OutboxEmail
{
    public long Id { get; private set; }
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    /// <summary>Stable across retries, so a receiver can drop a duplicate after a crash mid-send.</summary>
    public string MessageId { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public DateTime? SentAt { get; private set; }
    public string? LastError { get; private set; }
    /// <summary>Extra headers as a JSON object (an alert's `List-Unsubscribe` and `List-Unsubscribe-Post`); null for none.</summary>
    public string? Headers { get; private set; }

    private OutboxEmail() { }

    public static OutboxEmail Create(string to, string subject, string body, string domain, DateTime now, IReadOnlyDictionary<string, string>? headers = null) => new()
    {
        To = to,
        Subject = subject,
        Body = body,
        MessageId = $"{Guid.NewGuid():N}@{domain}",
        CreatedAt = now,
        NextAttemptAt = now,
        Headers = headers is { Count: > 0 } ? System.Text.Json.JsonSerializer.Serialize(headers) : null,
    };

    /// <summary>The extra headers (<see cref="Headers"/>).</summary>
    public IReadOnlyDictionary<string, string> ExtraHeaders() => Headers is null
        ? new Dictionary<string, string>()
        : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(Headers) ?? [];

    /// <summary>
    /// How long to wait after the given attempt before the next one: base, 2x base, 4x base ...
    /// capped at 10 minutes. The sender counts the attempt before it is made, so a crash mid-send
    /// still backs off.
    /// </summary>
    public static TimeSpan Backoff(int attempts, double baseSeconds) =>
        TimeSpan.FromSeconds(Math.Min(600, baseSeconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20))));
}

internal sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> b)
    {
        b.ToTable("notifications_email_outbox");
        b.Property(m => m.To).HasMaxLength(254).IsRequired();
        b.Property(m => m.Subject).HasMaxLength(300).IsRequired();
        b.Property(m => m.Body).IsRequired();
        b.Property(m => m.MessageId).HasMaxLength(200).IsRequired();
        b.Property(m => m.LastError).HasMaxLength(1000);
        b.Property(m => m.Headers).HasMaxLength(2000);
        b.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
    }
}
