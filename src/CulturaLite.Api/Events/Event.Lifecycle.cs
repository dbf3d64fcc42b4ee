using CulturaLite.Api.Web;

namespace CulturaLite.Api.Events;

/// <summary>Whether an approved event happens as announced: set by its vendor, without review (API.md "Event facts").</summary>
public static class EventLifecycle
{
    public const string Scheduled = "scheduled";
    public const string Cancelled = "cancelled";
    public const string Postponed = "postponed";
    public const string Rescheduled = "rescheduled";
    public const string MovedOnline = "moved_online";

    public static readonly string[] All = [Scheduled, Cancelled, Postponed, Rescheduled, MovedOnline];

    public const int ReasonMaxLength = 1_000;
}

/// <summary>The vendor's status actions on an approved event: visible at once, audited, no review and no notification.</summary>
public sealed partial class Event
{
    /// <summary>Scheduled, cancelled, postponed, rescheduled or moved online (<see cref="EventLifecycle"/>).</summary>
    public string Lifecycle { get; private set; } = EventLifecycle.Scheduled;
    /// <summary>What the vendor said about the last status action.</summary>
    public string? StatusReason { get; private set; }
    /// <summary>Every earlier start, oldest first (each reschedule adds one).</summary>
    public IReadOnlyList<DateTime> PreviousStartDates { get; private set; } = [];
    /// <summary>The status columns as one value (<see cref="EventGroups"/>).</summary>
    public EventStanding Standing => EventGroups.Of<EventStanding>(this);

    public Outcome<Event> Cancel(string? reason, DateTime now) =>
        Change(now, reason, e => e.Lifecycle = EventLifecycle.Cancelled);

    public Outcome<Event> Postpone(string? reason, DateTime now) => Lifecycle == EventLifecycle.Postponed
        ? Outcome<Event>.Conflict(Unchanged, "The event is already postponed.")
        : Change(now, reason, e => e.Lifecycle = EventLifecycle.Postponed);

    /// <summary>A new start (and end: the one given, else the same duration as before), never in the past.</summary>
    public Outcome<Event> Reschedule(DateTime start, DateTime? end, DateTime now)
    {
        var errors = new FieldErrors();
        if (start <= now)
        {
            errors.Add("event_date", "The new date must be in the future.");
        }
        else if (start == EventDate)
        {
            errors.Add("event_date", "The event already starts then.");
        }
        var newEnd = end ?? (EndDate is { } oldEnd ? start + (oldEnd - EventDate) : null);
        if (end is not null && !errors.Has("event_date") && (end <= start || end - start > MaxDuration))
        {
            errors.Add("end_date", "The end must be after the start (event_date), at most 31 days later.");
        }
        if (errors.Any)
        {
            return Lifecycle == EventLifecycle.Cancelled ? Refused() : Outcome<Event>.Invalid(errors);
        }
        return Change(now, StatusReason, e =>
        {
            e.PreviousStartDates = [.. e.PreviousStartDates, e.EventDate];
            (e.EventDate, e.EndDate, e.Lifecycle) = (start, newEnd, EventLifecycle.Rescheduled);
        });
    }

    public Outcome<Event> MoveOnline(string onlineUrl, DateTime now) => Lifecycle == EventLifecycle.MovedOnline && OnlineUrl == onlineUrl
        ? Outcome<Event>.Conflict(Unchanged, "The event is already online at this link.")
        : Change(now, StatusReason, e => (e.Lifecycle, e.AttendanceMode, e.OnlineUrl) = (EventLifecycle.MovedOnline, AttendanceModes.Online, onlineUrl));

    private Outcome<Event> Change(DateTime now, string? reason, Action<Event> change)
    {
        if (Lifecycle == EventLifecycle.Cancelled)
        {
            return Refused();
        }
        change(this);
        StatusReason = reason;
        UpdatedAt = now;
        Version++;
        return Outcome<Event>.Done(this);
    }

    private static Outcome<Event> Refused() => Outcome<Event>.Conflict("cancelled", "A cancelled event cannot change again.");
}
