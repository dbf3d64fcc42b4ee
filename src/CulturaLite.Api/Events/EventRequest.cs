namespace CulturaLite.Api.Events;

/// <summary>A vendor's form, parsed and checked: every field typed, nothing stored yet.</summary>
public sealed record EventRequest(
    string Title, string Description, string City, DateTime EventDate, DateTime? EndDate, int CategoryId, string? CategoryName,
    EventVenue Venue, string Language, IReadOnlyDictionary<string, EventText> Translations, ImageChoice Image)
{
    public EventFacts Facts { get; init; } = EventFacts.None;

    /// <summary>The series the event is (or stays) the first date of, with its dates; null for a single event.</summary>
    public SeriesPlan? Series { get; init; }

    /// <summary>The festival it is part of (its existence, approval and dates are checked against the database later).</summary>
    public int? FestivalId { get; init; }
}

/// <summary>A series' rule and every date it gives (UTC, the first included); <see cref="StartMoved"/>: `event_date` was sent.</summary>
public sealed record SeriesPlan(Recurrence Recurrence, IReadOnlyList<DateTime> Dates, bool StartMoved);
