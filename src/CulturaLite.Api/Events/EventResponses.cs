using System.Linq.Expressions;
using System.Text.Json.Serialization;
using CulturaLite.Api.Web;

namespace CulturaLite.Api.Events;

public sealed record CategoryResponse(int Id, string Name, string Slug)
{
    public static readonly Expression<Func<Category, CategoryResponse>> Projection = c => new CategoryResponse(c.Id, c.Name, c.Slug);
}

/// <summary>An event as the public sees it.</summary>
public sealed record EventResponse(
    int Id,
    string Title,
    string Description,
    string City,
    DateTime EventDate,
    string ImageUrl,
    string? ThumbnailUrl,
    CategoryResponse Category,
    DateTime? EndDate,
    [property: Flatten] EventVenue Venue,
    [property: Flatten] EventFacts Facts,
    [property: Flatten] EventStanding Standing,
    ImagesResponse? Images)
{
    /// <summary>The language of the `title` and `description` shown (the visitor's, when the event has it).</summary>
    public string Language { get; init; } = "en";

    /// <summary>Every language the event can be read in, its own first.</summary>
    public IReadOnlyList<string> AvailableLanguages { get; init; } = [];

    /// <summary>The other languages' text, read with the row and used to choose; not sent as such.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, EventText> Translations { get; init; } = EventTranslations.None;

    /// <summary>The event's share page (`{Site:PublicBaseUrl}/e/{id}`), for links that preview in chat apps.</summary>
    public string? ShareUrl { get; init; }

    /// <summary>Who organizes it, with their public page.</summary>
    public OrganizerResponse? Organizer { get; init; }

    /// <summary>The item with its links (share page, organizer page) made for <paramref name="request"/>.</summary>
    public EventResponse Linked(SiteOptions site, HttpRequest request) => Linked(site.BaseUrl(request));

    /// <summary>The item with its links made on <paramref name="baseUrl"/> (outside a request: a webhook's payload).</summary>
    public EventResponse Linked(string baseUrl) => this with
    {
        ShareUrl = SiteOptions.ShareUrl(baseUrl, Id),
        Organizer = Organizer is { Slug: { } slug } organizer ? organizer with { Url = SiteOptions.OrganizerUrl(baseUrl, slug) } : Organizer,
    };

    /// <summary>This item in the first of the visitor's languages the event has, else in its own.</summary>
    public EventResponse In(IReadOnlyList<string> wanted)
    {
        var (language, text) = LanguageChoice.Choose(wanted, Language, new EventText(Title, Description), Translations);
        return this with
        {
            Title = text.Title,
            Description = text.Description,
            Language = language,
            AvailableLanguages = LanguageChoice.Available(Language, Translations),
        };
    }

    /// <summary>The series it is a date of (`next_dates` filled by <see cref="SeriesDates.FillAsync"/>); null for a single event.</summary>
    public SeriesSummary? Series { get; init; }

    /// <summary>The public festival it is part of: `{"id", "title"}`, or null.</summary>
    public Festivals.FestivalRef? Festival { get; init; }

    /// <summary>Kilometres from `near` (one decimal); only present when the list was asked with `near`.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DistanceKm { get; init; }

    public static readonly Expression<Func<Event, EventResponse>> Projection = EventGroups.Expand(e => new EventResponse(
        e.Id, e.Title, e.Description, e.City, e.EventDate, e.ImageUrl, e.ThumbnailUrl,
        new CategoryResponse(e.Category.Id, e.Category.Name, e.Category.Slug),
        e.EndDate, EventGroups.Of<EventVenue>(e), EventGroups.Of<EventFacts>(e), EventGroups.Of<EventStanding>(e), ImagesResponse.From(e.Images))
    {
        Language = e.Language,
        Translations = e.Translations,
        Organizer = new OrganizerResponse(e.Vendor.Id, e.Vendor.OrganizationName != "" ? e.Vendor.OrganizationName : e.Vendor.Name, e.Vendor.Slug),
        Series = e.SeriesId == null ? null : new SeriesSummary(e.Series!.Id, e.Series.Rule, e.Series.OccurrenceCount),
        Festival = e.FestivalId == null || e.Festival!.Status != EventStatus.Approved || !e.Festival.Vendor.IsActive
            ? null : new Festivals.FestivalRef(e.Festival.Id, e.Festival.Title),
    });
}

/// <summary>An item's series: `{"id", "rule", "occurrence_count", "next_dates"}` (up to 5 upcoming public dates).</summary>
public sealed record SeriesSummary(int Id, string Rule, int OccurrenceCount)
{
    public IReadOnlyList<DateTime> NextDates { get; init; } = [];
}

/// <summary>One date of a series as its vendor and the admins see it.</summary>
public sealed record OccurrenceResponse(int Id, DateTime EventDate, DateTime? EndDate, string EventStatus, bool DateOverridden);

/// <summary>A series as its vendor and the admins see it: the rule, the skipped dates and how many dates it has.</summary>
public sealed record SeriesDetail(int Id, string Rule, IReadOnlyList<string> Exdates, int OccurrenceCount);

/// <summary>An event's organizer as public items name them: `{"id", "name", "slug", "url"}`.</summary>
public sealed record OrganizerResponse(int Id, string Name, string? Slug)
{
    public string? Url { get; init; }
}

/// <summary>An event as its vendor and the admins see it: with its moderation state.</summary>
public sealed record DashboardEventResponse(
    int Id,
    string Title,
    string Description,
    string City,
    DateTime EventDate,
    string ImageUrl,
    string? ThumbnailUrl,
    CategoryResponse Category,
    [property: Flatten] EventModeration Moderation,
    EventVendorResponse Vendor,
    bool VendorEmailVerified,
    DateTime? EndDate,
    [property: Flatten] EventVenue Venue,
    [property: Flatten] EventFacts Facts,
    [property: Flatten] EventStanding Standing,
    ImagesResponse? Images,
    string Language,
    IReadOnlyDictionary<string, EventText> Translations,
    bool HasUnreadNotes)
{
    /// <summary>The series it is a date of; null for a single event.</summary>
    public SeriesDetail? Series { get; init; }

    /// <summary>The festival it is part of (whatever the festival's state), or null.</summary>
    public Festivals.FestivalRef? Festival { get; init; }

    /// <summary>Every date of its series in order (the first included); empty for a single event.</summary>
    public IReadOnlyList<OccurrenceResponse> Occurrences { get; init; } = [];

    public static readonly Expression<Func<Event, DashboardEventResponse>> Projection = EventGroups.Expand(e => new DashboardEventResponse(
        e.Id, e.Title, e.Description, e.City, e.EventDate, e.ImageUrl, e.ThumbnailUrl,
        new CategoryResponse(e.Category.Id, e.Category.Name, e.Category.Slug),
        EventGroups.Of<EventModeration>(e),
        new EventVendorResponse(e.Vendor.Id, e.Vendor.Email, e.Vendor.Name, e.Vendor.OrganizationName), e.Vendor.EmailVerified,
        e.EndDate, EventGroups.Of<EventVenue>(e), EventGroups.Of<EventFacts>(e), EventGroups.Of<EventStanding>(e), ImagesResponse.From(e.Images),
        e.Language, e.Translations, e.Notes.Any(n => n.ByVendor && n.ReadAt == null))
    {
        Festival = e.FestivalId == null ? null : new Festivals.FestivalRef(e.Festival!.Id, e.Festival.Title),
        Series = e.SeriesId == null ? null : new SeriesDetail(e.Series!.Id, e.Series.Rule, e.Series.Exdates, e.Series.OccurrenceCount),
        Occurrences = e.Series == null ? new List<OccurrenceResponse>()
            : e.Series.Members.OrderBy(m => m.EventDate).ThenBy(m => m.Id)
                .Select(m => new OccurrenceResponse(m.Id, m.EventDate, m.EndDate, m.Lifecycle, m.DateOverridden)).ToList(),
    });
}

public sealed record EventVendorResponse(int Id, string Email, string Name, string OrganizationName);

public sealed record CityResponse(string Name, int EventCount);
