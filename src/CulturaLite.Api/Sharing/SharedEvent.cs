using System.Linq.Expressions;
using CulturaLite.Api.Events;

namespace CulturaLite.Api.Sharing;

/// <summary>A festival as an event's share page names it.</summary>
public sealed record SharedFestival(int Id, string Title, DateTime StartDate, DateTime EndDate);

/// <summary>What feeds, share pages and the sitemap say about a public event.</summary>
public sealed record SharedEvent(
    int Id,
    string Title,
    string Description,
    string City,
    DateTime EventDate,
    DateTime? EndDate,
    EventVenue Venue,
    string ImageUrl,
    string? ImageKey,
    string Category,
    string Organizer,
    DateTime? ApprovedAt,
    DateTime UpdatedAt,
    int Version,
    string Language,
    IReadOnlyDictionary<string, EventText> Translations,
    EventFacts Facts,
    EventStanding Standing,
    string? OrganizerSlug)
{
    public bool IsCancelled => Standing.EventStatus == EventLifecycle.Cancelled;

    /// <summary>The public festival it is part of (its share page names it as `superEvent`), or null.</summary>
    public SharedFestival? Festival { get; init; }

    /// <summary>Every language the event can be read in, its own first.</summary>
    public IReadOnlyList<string> AvailableLanguages => LanguageChoice.Available(Language, Translations);

    /// <summary>The event in the first wanted language it has (else its own); Language says which was chosen.</summary>
    public SharedEvent In(IReadOnlyList<string> wanted)
    {
        var (language, text) = LanguageChoice.Choose(wanted, Language, new EventText(Title, Description), Translations);
        return this with { Title = text.Title, Description = text.Description, Language = language };
    }

    public static readonly Expression<Func<Event, SharedEvent>> Projection = EventGroups.Expand(e => new SharedEvent(
        e.Id, e.Title, e.Description, e.City, e.EventDate, e.EndDate, EventGroups.Of<EventVenue>(e), e.ImageUrl, e.ImageKey, e.Category.Name,
        e.Vendor.OrganizationName != "" ? e.Vendor.OrganizationName : e.Vendor.Name, e.ModeratedAt, e.UpdatedAt, e.Version,
        e.Language, e.Translations, EventGroups.Of<EventFacts>(e), EventGroups.Of<EventStanding>(e), e.Vendor.Slug)
    {
        Festival = e.FestivalId == null || e.Festival!.Status != EventStatus.Approved || !e.Festival.Vendor.IsActive
            ? null : new SharedFestival(e.Festival.Id, e.Festival.Title, e.Festival.StartDate, e.Festival.EndDate),
    });

    /// <summary>Calendars show an event without an end as lasting two hours.</summary>
    public DateTime End => EndDate ?? EventDate.AddHours(2);

    /// <summary>Venue, address, locality, PIN and city, as one line.</summary>
    public string Location => string.Join(", ", new[] { Venue.Name, Venue.Address, Venue.Locality, City, Venue.PinCode }
        .Where(p => !string.IsNullOrWhiteSpace(p)).Distinct(StringComparer.OrdinalIgnoreCase));

    /// <summary>A file name for the event's calendar entry: its title in Django's slug form.</summary>
    /// <summary>
    /// A file name for the event: its title's Latin slug with the id (`holi-festival-2026-17`), or `event-17`
    /// when the title has no Latin letter (a Devanagari title slugs to its digits alone).
    /// </summary>
    public string Slug => Events.Category.Slugify(Title) is { } slug && slug.Any(char.IsAsciiLetter) ? $"{slug}-{Id}" : $"event-{Id}";

    public string Uid(string host) => $"event-{Id}@{host}";
}
