using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Events;

/// <summary>
/// A visitor's report against a public event. A reporter is a user, or an IP address when anonymous;
/// once open reports from enough distinct reporters stand, the event leaves the public lists until an
/// admin keeps or rejects it.
/// </summary>
public sealed class EventReport
{
    public const int MessageMaxLength = 1000;
    public static readonly string[] Reasons = ["spam", "wrong_info", "offensive", "scam", "other"];

    public int Id { get; private set; }
    public int EventId { get; private set; }
    public string Reason { get; private set; } = "";
    public string? Message { get; private set; }
    /// <summary>`user:{id}` or `ip:{address}`: who counts as one reporter.</summary>
    public string Reporter { get; private set; } = "";
    /// <summary>The account that filed it when logged in (for its owner's data export); it never adds to the count.</summary>
    public int? ReporterUserId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public string? Resolution { get; private set; }

    private EventReport() { }

    public static EventReport File(int eventId, string reason, string? message, string reporter, DateTime now, int? byUser = null) =>
        new() { EventId = eventId, Reason = reason, Message = message, Reporter = reporter, CreatedAt = now, ReporterUserId = byUser };

    public void Resolve(string resolution, DateTime now) => (ResolvedAt, Resolution) = (now, resolution);
}

internal sealed class EventReportConfiguration : IEntityTypeConfiguration<EventReport>
{
    public void Configure(EntityTypeBuilder<EventReport> b)
    {
        b.ToTable("events_report");
        b.Property(r => r.Reason).HasMaxLength(20).IsRequired();
        b.Property(r => r.Message).HasMaxLength(EventReport.MessageMaxLength);
        b.Property(r => r.Reporter).HasMaxLength(80).IsRequired();
        b.Property(r => r.Resolution).HasMaxLength(20);
        b.HasOne<Event>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.EventId, r.ResolvedAt });
        b.HasOne<Accounts.User>().WithMany().HasForeignKey(r => r.ReporterUserId).OnDelete(DeleteBehavior.SetNull);
    }
}
