using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Events;

/// <summary>
/// A recurring event: its rule and skipped dates. Each of its dates is an <see cref="Event"/> of its own (its
/// members); the first one, whose id is also the series' id, stands for the series in the dashboard and the
/// moderation queue, and decisions and edits made on it reach every member (<see cref="SeriesSchedule"/>).
/// </summary>
public sealed class EventSeries
{
    /// <summary>The id of its first event (<see cref="Event.IsSeriesHead"/>).</summary>
    public int Id { get; private set; }
    /// <summary>The RFC 5545 rule, normalized (<see cref="Recurrence.Normalize"/>).</summary>
    public string Rule { get; private set; } = "";
    /// <summary>Local dates the rule gives that the series skips (YYYY-MM-DD).</summary>
    public IReadOnlyList<string> Exdates { get; private set; } = [];
    /// <summary>How many events the series holds now.</summary>
    public int OccurrenceCount { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    /// <summary>Its dates, the first included.</summary>
    public List<Event> Members { get; private set; } = [];

    private EventSeries() { }

    public static EventSeries Start(int headId, Recurrence recurrence, DateTime now) =>
        new() { Id = headId, CreatedAt = now, UpdatedAt = now, Rule = recurrence.Rule, Exdates = Format(recurrence.Exdates) };

    public Recurrence Recurrence => new(Rule, Exdates.Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList());

    public void Change(Recurrence recurrence, DateTime now)
    {
        (Rule, Exdates, UpdatedAt) = (recurrence.Rule, Format(recurrence.Exdates), now);
    }

    public void Counted(int count) => OccurrenceCount = count;

    private static List<string> Format(IEnumerable<DateOnly> dates) => dates.Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
}

internal sealed class EventSeriesConfiguration : IEntityTypeConfiguration<EventSeries>
{
    public void Configure(EntityTypeBuilder<EventSeries> b)
    {
        b.ToTable("events_series");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Rule).HasMaxLength(300).IsRequired();
        b.Property(s => s.Exdates).IsRequired().HasDefaultValue(Array.Empty<string>())
            .HasConversion(new Web.ListColumns.Strings(), new Web.ListColumns.StringsComparer());
        // The series row goes with its first event (deleting it deletes the series and so every date).
        b.HasOne<Event>().WithOne().HasForeignKey<EventSeries>(s => s.Id).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Members).WithOne(e => e.Series).HasForeignKey(e => e.SeriesId).OnDelete(DeleteBehavior.Cascade);
    }
}
