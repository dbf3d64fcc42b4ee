using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Alerts;

/// <summary>
/// A public change that people may have asked to hear about (a new event, a cancellation, a new date), written by
/// <see cref="AlertTrigger"/> in the save that made it and worked through by <see cref="AlertWorker"/>: email notices to the
/// subscriptions whose digest included the event, pushes to the browsers that follow it or whose filters it matches.
/// </summary>
public sealed class AlertNotice
{
    public const string Published = "published";
    public const string Cancelled = "cancelled";
    public const string Rescheduled = "rescheduled";

    public long Id { get; private set; }
    public int EventId { get; private set; }
    /// <summary>Set when noted, so that a new event's id (known once it is inserted) reaches the notice.</summary>
    public Events.Event? Event { get; private set; }
    public string Kind { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    /// <summary>Held by one worker until then (a crash lets another take it after).</summary>
    public DateTime? ClaimedUntil { get; private set; }
    public DateTime? DoneAt { get; private set; }

    private AlertNotice() { }

    public static AlertNotice Of(Events.Event e, string kind, DateTime now) => new() { Event = e, Kind = kind, CreatedAt = now };
}

internal sealed class AlertNoticeConfiguration : IEntityTypeConfiguration<AlertNotice>
{
    public void Configure(EntityTypeBuilder<AlertNotice> b)
    {
        b.ToTable("alerts_notice");
        b.Property(n => n.Kind).HasMaxLength(20).IsRequired();
        b.HasIndex(n => new { n.DoneAt, n.Id });
        b.HasOne(n => n.Event).WithMany().HasForeignKey(n => n.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
