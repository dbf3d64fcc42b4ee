using System.Linq.Expressions;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Notifications;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Events;

public static class EventStatus
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";

    public static readonly string[] All = [Pending, Approved, Rejected];

    public static bool IsKnown(string? value) => value is Pending or Approved or Rejected;
}

/// <summary>
/// What a vendor says about an event; the image is already stored when this is built, and `City`
/// is already the canonical name (<see cref="CityNameIndex.Resolve"/>).
/// </summary>
public sealed record EventDetails(
    string Title,
    string Description,
    string City,
    DateTime EventDate,
    int CategoryId,
    string ImageUrl,
    string? ThumbnailUrl,
    string? ImageKey)
{
    public DateTime? EndDate { get; init; }
    public EventVenue Venue { get; init; } = EventVenue.None;
    public EventFacts Facts { get; init; } = EventFacts.None;
    /// <summary>The uploaded image's responsive copies; null for an external `image_url`.</summary>
    public EventImages? Images { get; init; }
    /// <summary>The language of Title and Description.</summary>
    public string Language { get; init; } = "en";
    public IReadOnlyDictionary<string, EventText> Translations { get; init; } = EventTranslations.None;
    /// <summary>The approved festival it is part of; null for none.</summary>
    public int? FestivalId { get; init; }
    /// <summary>More words a search should find the event by: the city's other names, the category's name.</summary>
    public string IndexTerms { get; init; } = "";
}

/// <summary>
/// A cultural event submitted by a vendor. It only reaches the public once an admin approves it,
/// and any edit by its vendor sends it back for moderation.
/// </summary>
public sealed partial class Event
{
    public const int TitleMaxLength = 200;
    public const int CityMaxLength = 100;
    public const int DescriptionMaxLength = 10_000;
    public const int ReasonMaxLength = 1_000;
    public const int UrlMaxLength = 1_000;

    /// <summary>The longest an event lasts (`end_date` at most this after `event_date`), on submission and reschedule alike.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(31);

    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    /// <summary>The language <see cref="Title"/> and <see cref="Description"/> are written in.</summary>
    public string Language { get; private set; } = "en";
    /// <summary>Title and description in other languages, by code.</summary>
    public IReadOnlyDictionary<string, EventText> Translations { get; private set; } = EventTranslations.None;
    public string City { get; private set; } = "";
    /// <summary>The city folded once, in .NET, so "Mumbai" and "MUMBAI" match the same on every database.</summary>
    public string CityKey { get; private set; } = "";
    public DateTime EventDate { get; private set; }
    public string ImageUrl { get; private set; } = "";
    public string? ThumbnailUrl { get; private set; }
    /// <summary>Where the uploaded image is kept by our storage; null for an external `image_url`.</summary>
    public string? ImageKey { get; private set; }
    /// <summary>Responsive copies and a placeholder of an uploaded image; null for an external `image_url`.</summary>
    public EventImages? Images { get; private set; }
    public string Status { get; private set; } = EventStatus.Pending;
    public int CategoryId { get; private set; }
    public Category Category { get; private set; } = null!;
    public int VendorId { get; private set; }
    public User Vendor { get; private set; } = null!;
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string? RejectionReason { get; private set; }
    public DateTime? ModeratedAt { get; private set; }
    public int? ModeratedById { get; private set; }
    public DateTime? EndDate { get; private set; }
    public string? VenueName { get; private set; }
    public string? VenueAddress { get; private set; }
    public string? Locality { get; private set; }
    public string? PinCode { get; private set; }
    public double? Latitude { get; private set; }
    public double? Longitude { get; private set; }
    /// <summary>The venue's columns as one value (<see cref="EventGroups"/>).</summary>
    public EventVenue Venue => EventGroups.Of<EventVenue>(this);
    /// <summary>Free (true), paid (false) or not said (null).</summary>
    public bool? IsFree { get; private set; }
    /// <summary>The lowest price in hundredths of the currency's unit (paise), so that both databases compare it exactly.</summary>
    public long? PriceMinMinor { get; private set; }
    public long? PriceMaxMinor { get; private set; }
    public string? Currency { get; private set; }
    public string? TicketUrl { get; private set; }
    public int? AgeMin { get; private set; }
    public int? AgeMax { get; private set; }
    /// <summary>The accessibility codes as bits (<see cref="AccessibilityCodes"/>).</summary>
    public int AccessibilityFlags { get; private set; }
    public string AttendanceMode { get; private set; } = AttendanceModes.Offline;
    public string? OnlineUrl { get; private set; }
    /// <summary>The languages performed in, as ",hi,ta," (<see cref="LanguageList"/>).</summary>
    public string PerformanceLanguages { get; private set; } = "";
    public IReadOnlyList<string> Performers { get; private set; } = [];
    /// <summary>The facts' columns as one value (<see cref="EventGroups"/>).</summary>
    public EventFacts Facts => EventGroups.Of<EventFacts>(this);
    /// <summary>
    /// The position as a point on the unit sphere (x, y, z): "within R km" is then a dot product
    /// (<see cref="Nearby"/>), with no trigonometry per row in the database.
    /// </summary>
    public double? GeoX { get; private set; }
    public double? GeoY { get; private set; }
    public double? GeoZ { get; private set; }
    /// <summary>
    /// The distinct words (<see cref="SearchWords"/>) of the title, description, venue, every name of
    /// the city and the category's name; what the search index of each database is built on.
    /// </summary>
    public string SearchText { get; private set; } = "";
    /// <summary>The <see cref="SearchWords.Format"/> that made <see cref="SearchText"/>.</summary>
    public int SearchFormat { get; private set; }
    /// <summary>Hidden from the public while reports from enough distinct reporters stand, until an admin decides.</summary>
    public bool HiddenByReports { get; private set; }
    /// <summary>Messages between moderators and the vendor about this event.</summary>
    public List<EventNote> Notes { get; private set; } = [];
    /// <summary>Approved at once because its vendor is trusted; cleared when an admin decides.</summary>
    public bool AutoApproved { get; private set; }
    /// <summary>Optimistic concurrency token: a stale edit or a racing decision fails instead of overwriting.</summary>
    public int Version { get; private set; }

    private Event() { }

    /// <summary>What an `image_url` may be, from a submission or an import: an absolute http(s) URL with a host, no spaces.</summary>
    public static bool IsAcceptableImageUrl(string url) =>
        url.Length <= UrlMaxLength && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host) && !url.Any(char.IsWhiteSpace);

    /// <summary>
    /// What the public may see: approved, and its vendor's account active (a deactivated vendor's
    /// events leave every public list until the account is activated again).
    /// </summary>
    public static readonly Expression<Func<Event, bool>> IsPublic =
        e => e.Status == EventStatus.Approved && e.Vendor.IsActive && !e.HiddenByReports;

    /// <summary>
    /// What stands for itself in the dashboard and the moderation queue: a single event, or the first date of a
    /// series (its other dates follow it).
    /// </summary>
    public static readonly Expression<Func<Event, bool>> StandsForItself = e => e.SeriesId == null || e.SeriesId == e.Id;

    public static Event Submit(int vendorId, EventDetails details, DateTime now)
    {
        var e = new Event { VendorId = vendorId, CreatedAt = now, Status = EventStatus.Pending };
        e.Apply(details, now);
        return e;
    }

    /// <summary>
    /// An event copied from the Django backend (`import-django`) in the state it had there: its status,
    /// rejection reason, moderator and times as the source recorded them.
    /// </summary>
    public static Event Import(int vendorId, EventDetails details, string status, string? rejectionReason, int? moderatedById, DateTime? moderatedAt,
        DateTime createdAt, DateTime updatedAt)
    {
        var e = Submit(vendorId, details, createdAt);
        e.Status = status;
        e.RejectionReason = status == EventStatus.Rejected ? rejectionReason : null;
        e.ModeratedById = status == EventStatus.Pending ? null : moderatedById;
        e.ModeratedAt = status == EventStatus.Pending ? null : moderatedAt;
        e.UpdatedAt = updatedAt;
        return e;
    }

    /// <summary>A vendor's edit. An approved or rejected event goes back to the moderation queue.</summary>
    public void Edit(EventDetails details, DateTime now)
    {
        Apply(details, now);
        AutoApproved = false;
        if (Status != EventStatus.Pending)
        {
            Status = EventStatus.Pending;
            RejectionReason = null;
        }
    }

    /// <summary>The conflict code of a decision on an event already in that state.</summary>
    public const string Unchanged = "unchanged";

    /// <summary>Approves the event: done with the vendor's notification, or an <see cref="Unchanged"/> conflict.</summary>
    public Outcome<Notification> Approve(int adminId, DateTime now)
    {
        if (Status == EventStatus.Approved)
        {
            return AlreadyDecided();
        }
        Decide(EventStatus.Approved, null, adminId, now);
        return Outcome<Notification>.Done(Notification.For(this, $"Your event '{Title}' was approved.", now));
    }

    private Outcome<Notification> AlreadyDecided() => Outcome<Notification>.Conflict(Unchanged, $"The event is already {Status}.");

    /// <summary>Enough distinct reporters: out of the public lists until an admin keeps or rejects it.</summary>
    public void HideForReports() => HiddenByReports = true;

    /// <summary>An admin looked at the reports and kept the event, or decided on it.</summary>
    public void ClearReports() => HiddenByReports = false;

    /// <summary>A trusted vendor's submission or edit: approved at once, marked for a later look (<see cref="Unchanged"/> when it already is).</summary>
    public Outcome<Notification> AutoApprove(DateTime now)
    {
        if (Status == EventStatus.Approved)
        {
            return AlreadyDecided();
        }
        Status = EventStatus.Approved;
        RejectionReason = null;
        ModeratedById = null;
        ModeratedAt = now;
        AutoApproved = true;
        Version++;
        return Outcome<Notification>.Done(Notification.For(this, $"Your event '{Title}' was approved.", now));
    }

    /// <summary>
    /// Rejects the event with a reason the vendor will read: done with the notification, a field error on
    /// `reason` when it is empty or too long, or an <see cref="Unchanged"/> conflict.
    /// </summary>
    public Outcome<Notification> Reject(int adminId, string reason, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > ReasonMaxLength)
        {
            var errors = new FieldErrors();
            errors.Add("reason", $"A rejection needs a reason of 1 to {ReasonMaxLength} characters.");
            return Outcome<Notification>.Invalid(errors);
        }
        if (Status == EventStatus.Rejected)
        {
            return AlreadyDecided();
        }
        Decide(EventStatus.Rejected, reason, adminId, now);
        return Outcome<Notification>.Done(Notification.For(this, $"Your event '{Title}' was rejected. Reason: {reason}", now));
    }

    /// <summary>Moves the event under a city's canonical name (an admin added the name it was typed as).</summary>
    public void Relocate(ResolvedCity city)
    {
        City = city.Name;
        CityKey = city.Key;
    }

    /// <summary>Rebuilds the search words, with the city's names and the category's name given by the caller.</summary>
    public void Reindex(string indexTerms)
    {
        SearchText = SearchWords.Index([Title, Description, VenueName, VenueAddress, Locality, PinCode, City, indexTerms,
            .. Translations.Values.SelectMany(t => new[] { t.Title, t.Description })]);
        SearchFormat = SearchWords.Format;
    }

    private void Decide(string status, string? reason, int adminId, DateTime now)
    {
        AutoApproved = false;
        HiddenByReports = false;
        Status = status;
        RejectionReason = reason;
        ModeratedById = adminId;
        ModeratedAt = now;
        UpdatedAt = now;
        Version++;
    }

    private void Apply(EventDetails d, DateTime now)
    {
        Title = d.Title;
        Description = d.Description;
        Language = d.Language;
        Translations = d.Translations;
        City = d.City;
        CityKey = CityNames.Fold(d.City);
        EventDate = d.EventDate;
        EndDate = d.EndDate;
        (VenueName, VenueAddress, Locality, PinCode, Latitude, Longitude) =
            (d.Venue.Name, d.Venue.Address, d.Venue.Locality, d.Venue.PinCode, d.Venue.Latitude, d.Venue.Longitude);
        var f = d.Facts;
        (IsFree, Currency, TicketUrl, AttendanceMode, OnlineUrl) = (f.Price?.IsFree, f.Price?.Currency, f.TicketUrl, f.AttendanceMode, f.OnlineUrl);
        (PriceMinMinor, PriceMaxMinor) = (f.Price?.Min is { } min ? EventPrice.Minor(min) : null, f.Price?.Max is { } max ? EventPrice.Minor(max) : null);
        (AgeMin, AgeMax) = (f.AgeRange?.Min, f.AgeRange?.Max);
        AccessibilityFlags = AccessibilityCodes.Flags(f.Accessibility) ?? 0;
        PerformanceLanguages = LanguageList.Format(f.PerformanceLanguages);
        Performers = f.Performers;
        (GeoX, GeoY, GeoZ) = Latitude is { } lat && Longitude is { } lon
            ? Nearby.UnitVector(lat, lon)
            : ((double?)null, (double?)null, (double?)null);
        CategoryId = d.CategoryId;
        FestivalId = d.FestivalId;
        ImageUrl = d.ImageUrl;
        ThumbnailUrl = d.ThumbnailUrl;
        ImageKey = d.ImageKey;
        Images = d.Images;
        Reindex(d.IndexTerms);
        UpdatedAt = now;
        Version++;
    }
}

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> b)
    {
        b.ToTable("events_event");
        b.Property(e => e.Title).HasMaxLength(Event.TitleMaxLength).IsRequired();
        b.Property(e => e.Description).IsRequired();
        b.Property(e => e.Language).HasMaxLength(8).IsRequired().HasDefaultValue("en").HasSentinel("");
        b.Property(e => e.Translations).IsRequired().HasDefaultValue(EventTranslations.None)
            .HasConversion(new EventTranslations.Converter(), new EventTranslations.Comparer());
        b.Property(e => e.City).HasMaxLength(Event.CityMaxLength).IsRequired();
        b.Property(e => e.CityKey).HasMaxLength(Event.CityMaxLength).IsRequired();
        b.Property(e => e.ImageUrl).HasMaxLength(Event.UrlMaxLength).IsRequired();
        b.Property(e => e.ThumbnailUrl).HasMaxLength(Event.UrlMaxLength);
        b.Property(e => e.ImageKey).HasMaxLength(300);
        b.Property(e => e.Images).HasColumnName("images").HasConversion(new EventImages.Converter(), new EventImages.Comparer());
        b.Property(e => e.Status).HasMaxLength(20).IsRequired().HasDefaultValue(EventStatus.Pending).HasSentinel("");
        b.Property(e => e.RejectionReason).HasMaxLength(Event.ReasonMaxLength);
        b.Property(e => e.SearchText).IsRequired();
        b.Property(e => e.VenueName).HasMaxLength(EventVenue.NameMaxLength);
        b.Property(e => e.VenueAddress).HasMaxLength(EventVenue.AddressMaxLength);
        b.Property(e => e.Locality).HasMaxLength(EventVenue.LocalityMaxLength);
        b.Property(e => e.PinCode).HasMaxLength(6);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Ignore(e => e.Venue);
        b.Ignore(e => e.Facts);
        b.Ignore(e => e.Standing);
        b.Property(e => e.Lifecycle).HasColumnName("event_status").HasMaxLength(20).IsRequired().HasDefaultValue(EventLifecycle.Scheduled).HasSentinel("");
        b.Property(e => e.StatusReason).HasMaxLength(EventLifecycle.ReasonMaxLength);
        b.Property(e => e.PreviousStartDates).IsRequired().HasDefaultValue(Array.Empty<DateTime>())
            .HasConversion(new Web.ListColumns.Times(), new Web.ListColumns.TimesComparer());
        b.Property(e => e.Currency).HasMaxLength(3);
        b.Property(e => e.TicketUrl).HasMaxLength(EventFacts.UrlMaxLength);
        b.Property(e => e.OnlineUrl).HasMaxLength(EventFacts.UrlMaxLength);
        b.Property(e => e.AttendanceMode).HasMaxLength(AttendanceModes.MaxLength).IsRequired().HasDefaultValue(AttendanceModes.Offline).HasSentinel("");
        b.Property(e => e.PerformanceLanguages).HasMaxLength(400).IsRequired().HasDefaultValue("");
        b.Property(e => e.Performers).IsRequired().HasDefaultValue(Array.Empty<string>())
            .HasConversion(new Web.ListColumns.Strings(), new Web.ListColumns.StringsComparer());

        b.HasOne(e => e.Category).WithMany().HasForeignKey(e => e.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Vendor).WithMany().HasForeignKey(e => e.VendorId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.ModeratedById).OnDelete(DeleteBehavior.SetNull);

        // The design's single-column indexes.
        b.HasIndex(e => e.City);
        b.HasIndex(e => e.Status);
        b.HasIndex(e => e.EventDate);
        b.HasIndex(e => e.VendorId);
        // The public list: approved, optionally one city, upcoming by date (id breaks ties).
        // On PostgreSQL they carry the rest of IsPublic too (the vendor, hidden by reports), so a page's ids
        // and a count come from the index alone (PublicIndexTests checks every column a public read needs is there).
        // It carries the coordinates too: "near me" looks for a page in the next events by date first (PublicListing.Window).
        b.HasIndex(e => new { e.Status, e.EventDate, e.Id }).HasDatabaseName("ix_events_event_public_by_date")
            .IncludeProperties(e => new { e.VendorId, e.HiddenByReports, e.Lifecycle, e.Latitude, e.Longitude, e.GeoX, e.GeoY, e.GeoZ });
        b.HasIndex(e => new { e.Status, e.CityKey, e.EventDate, e.Id }).HasDatabaseName("ix_events_event_public_by_city_date")
            .IncludeProperties(e => new { e.VendorId, e.HiddenByReports, e.Lifecycle });
        // One category, by date: without it a category page's best plan depended on how common the category is.
        b.HasIndex(e => new { e.Status, e.CategoryId, e.EventDate, e.Id }).HasDatabaseName("ix_events_event_public_by_category_date")
            .IncludeProperties(e => new { e.VendorId, e.HiddenByReports, e.Lifecycle });
        // "Near me": a bounding box on these two columns first, then the exact distance. On PostgreSQL the
        // index carries what the filter, the distance and the order need, so the box is read from the index alone.
        b.HasIndex(e => new { e.Latitude, e.Longitude })
            .IncludeProperties(e => new { e.GeoX, e.GeoY, e.GeoZ, e.Status, e.EventDate, e.VendorId, e.HiddenByReports, e.Id, e.Lifecycle });
        // The vendor's dashboard, newest first.
        b.HasIndex(e => new { e.VendorId, e.CreatedAt });
        // A series' dates in order (its next dates, `?series=`, its calendar).
        b.HasIndex(e => new { e.SeriesId, e.EventDate });
        // A festival's events in order (`?festival=`, its page and count).
        b.HasIndex(e => new { e.FestivalId, e.EventDate });
    }
}
