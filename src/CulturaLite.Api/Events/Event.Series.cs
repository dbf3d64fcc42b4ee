namespace CulturaLite.Api.Events;

/// <summary>An event as one date of a series (<see cref="EventSeries"/>).</summary>
public sealed partial class Event
{
    /// <summary>The series it is a date of; null for a single event.</summary>
    public int? SeriesId { get; private set; }
    public EventSeries? Series { get; private set; }
    /// <summary>The start the series' rule gave this date (its RECURRENCE-ID), before any move of this date alone.</summary>
    public DateTime? OccurrenceStart { get; private set; }
    /// <summary>This date was moved alone by its vendor (an override of the rule's date).</summary>
    public bool DateOverridden { get; private set; }

    /// <summary>The festival it is part of (attached by its vendor, detached by the festival's vendor or an admin).</summary>
    public int? FestivalId { get; private set; }
    public Festivals.Festival? Festival { get; private set; }

    /// <summary>Leaves its festival (the festival's vendor or an admin detached it): no review, its content is unchanged.</summary>
    public void Detach(DateTime now)
    {
        if (FestivalId is null)
        {
            return;
        }
        (FestivalId, UpdatedAt) = (null, now);
        Version++;
    }

    /// <summary>The series' first date, which stands for the whole series in the dashboard and the queue.</summary>
    public bool IsSeriesHead => SeriesId is { } id && id == Id;

    /// <summary>What the vendor wrote, as the details a submission gives (dates included).</summary>
    public EventDetails Details() => new(Title, Description, City, EventDate, CategoryId, ImageUrl, ThumbnailUrl, ImageKey)
    {
        EndDate = EndDate,
        Venue = Venue,
        Facts = Facts,
        Images = Images,
        Language = Language,
        Translations = Translations,
        FestivalId = FestivalId,
    };

    /// <summary>Makes this event the date <paramref name="occurrenceStart"/> of series <paramref name="seriesId"/>.</summary>
    public void JoinSeries(int seriesId, DateTime occurrenceStart)
    {
        (SeriesId, OccurrenceStart, DateOverridden) = (seriesId, occurrenceStart, false);
    }

    /// <summary>Makes this event the first date of <paramref name="series"/>.</summary>
    public void StartSeries(EventSeries series, DateTime occurrenceStart)
    {
        Series = series;
        JoinSeries(series.Id, occurrenceStart);
    }

    /// <summary>A new date of <paramref name="head"/>'s series at <paramref name="start"/>: its content, its moderation state, its duration.</summary>
    public static Event Occurrence(Event head, DateTime start, DateTime now)
    {
        var e = new Event { VendorId = head.VendorId, CreatedAt = now };
        e.FollowContent(head, now);
        e.FollowDecision(head);
        e.PlaceAt(head, start);
        e.JoinSeries(head.SeriesId ?? head.Id, start);
        return e;
    }

    /// <summary>Takes the first date's text, facts, venue, image and category (an edit of the series).</summary>
    public void FollowContent(Event head, DateTime now)
    {
        var (start, end) = (EventDate, EndDate);
        Apply(head.Details(), now);
        (EventDate, EndDate) = (start, end);
        (SearchText, SearchFormat) = (head.SearchText, head.SearchFormat);
    }

    /// <summary>Takes the first date's moderation state (one decision for the whole series).</summary>
    public void FollowDecision(Event head)
    {
        if (Status == head.Status && RejectionReason == head.RejectionReason && ModeratedAt == head.ModeratedAt)
        {
            return;
        }
        (Status, RejectionReason, ModeratedAt, ModeratedById, AutoApproved) = (head.Status, head.RejectionReason, head.ModeratedAt, head.ModeratedById, head.AutoApproved);
        if (head.Status != EventStatus.Pending)
        {
            // A decision looked at the whole series again, reports included.
            HiddenByReports = head.HiddenByReports;
        }
        Version++;
    }

    /// <summary>The rule's date <paramref name="start"/> with the first date's duration; a move of this date alone is forgotten.</summary>
    public void PlaceAt(Event head, DateTime start)
    {
        var duration = head.EndDate - head.EventDate;
        (EventDate, EndDate, OccurrenceStart, DateOverridden) = (start, duration is { } d ? start + d : null, start, false);
    }

    /// <summary>This date alone moves (no review): the vendor changed only its start or end.</summary>
    public void MoveAlone(DateTime start, DateTime? end, DateTime now)
    {
        if (start == EventDate && end == EndDate)
        {
            return;
        }
        (EventDate, EndDate, DateOverridden, UpdatedAt) = (start, end, true, now);
        Version++;
    }
}
