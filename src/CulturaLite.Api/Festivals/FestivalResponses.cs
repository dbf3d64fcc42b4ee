using System.Linq.Expressions;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;

namespace CulturaLite.Api.Festivals;

/// <summary>A festival's dates as one value: `{"start", "end"}`.</summary>
public sealed record DateRange(DateTime Start, DateTime End);

/// <summary>An event item's festival: `{"id", "title"}`.</summary>
public sealed record FestivalRef(int Id, string Title);

/// <summary>A festival as the public sees it.</summary>
public sealed record FestivalResponse(int Id, string Title, string Description, string City, DateTime StartDate, DateTime EndDate, DateRange DateRange,
    string ImageUrl, string? ThumbnailUrl, ImagesResponse? Images, string? Website, int EventCount, OrganizerResponse Organizer)
{
    /// <summary>Its share page (`/f/{id}`).</summary>
    public string? ShareUrl { get; init; }

    public static readonly Expression<Func<Festival, FestivalResponse>> Projection = f => new FestivalResponse(
        f.Id, f.Title, f.Description, f.City, f.StartDate, f.EndDate, new DateRange(f.StartDate, f.EndDate), f.ImageUrl, f.ThumbnailUrl,
        ImagesResponse.From(f.Images), f.Website, f.Events.AsQueryable().Count(Event.IsPublic),
        new OrganizerResponse(f.Vendor.Id, f.Vendor.OrganizationName != "" ? f.Vendor.OrganizationName : f.Vendor.Name, f.Vendor.Slug));

    public FestivalResponse Linked(SiteOptions site, HttpRequest request) => Linked(site.BaseUrl(request));

    public FestivalResponse Linked(string baseUrl) => this with
    {
        ShareUrl = $"{baseUrl}/f/{Id}",
        Organizer = Organizer is { Slug: { } slug } organizer ? organizer with { Url = SiteOptions.OrganizerUrl(baseUrl, slug) } : Organizer,
    };
}

/// <summary>A festival as its vendor and the admins see it: with its moderation state and `version`.</summary>
public sealed record DashboardFestivalResponse(int Id, string Title, string Description, string City, DateTime StartDate, DateTime EndDate, DateRange DateRange,
    string ImageUrl, string? ThumbnailUrl, ImagesResponse? Images, string? Website, string Status, string? RejectionReason,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? ModeratedAt, int Version, EventVendorResponse Vendor, bool VendorEmailVerified, int EventCount)
{
    public static readonly Expression<Func<Festival, DashboardFestivalResponse>> Projection = f => new DashboardFestivalResponse(
        f.Id, f.Title, f.Description, f.City, f.StartDate, f.EndDate, new DateRange(f.StartDate, f.EndDate), f.ImageUrl, f.ThumbnailUrl,
        ImagesResponse.From(f.Images), f.Website, f.Status, f.Status == EventStatus.Rejected ? f.RejectionReason : null,
        f.CreatedAt, f.UpdatedAt, f.ModeratedAt, f.Version, new EventVendorResponse(f.Vendor.Id, f.Vendor.Email, f.Vendor.Name, f.Vendor.OrganizationName),
        f.Vendor.EmailVerified, f.Events.Count);
}
