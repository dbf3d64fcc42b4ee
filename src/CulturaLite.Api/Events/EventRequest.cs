namespace CulturaLite.Api.Events;

/// <summary>A vendor's form, parsed and checked: every field typed, nothing stored yet.</summary>
public sealed record EventRequest(
    string Title, string Description, string City, DateTime EventDate, DateTime? EndDate, int CategoryId, string? CategoryName,
    EventVenue Venue, string Language, IReadOnlyDictionary<string, EventText> Translations, ImageChoice Image)
{
    public EventFacts Facts { get; init; } = EventFacts.None;
}
