using System.Linq.Expressions;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Events;
using CulturaLite.Api.Notifications;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Festivals;

/// <summary>What a vendor says about a festival; the image is already stored and the city canonical.</summary>
public sealed record FestivalDetails(string Title, string Description, string City, DateTime StartDate, DateTime EndDate,
    string ImageUrl, string? ThumbnailUrl, string? ImageKey, EventImages? Images, string? Website);

/// <summary>
/// An umbrella with events inside (a literature festival, Navratri nights, a pandal circuit). Moderated like an
/// event: pending until an admin approves it, and any edit by its vendor sends it back. Vendors attach their own
/// events to an approved festival when the events' dates fall within its dates.
/// </summary>
public sealed class Festival
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 10_000;
    public const int WebsiteMaxLength = 500;
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(60);

    public int Id { get; private set; }
    public int VendorId { get; private set; }
    public User Vendor { get; private set; } = null!;
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public string City { get; private set; } = "";
    public string CityKey { get; private set; } = "";
    public DateTime StartDate { get; private set; }
    public DateTime EndDate { get; private set; }
    public string ImageUrl { get; private set; } = "";
    public string? ThumbnailUrl { get; private set; }
    public string? ImageKey { get; private set; }
    public EventImages? Images { get; private set; }
    public string? Website { get; private set; }
    public string Status { get; private set; } = EventStatus.Pending;
    public string? RejectionReason { get; private set; }
    public DateTime? ModeratedAt { get; private set; }
    public int? ModeratedById { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }
    /// <summary>The events attached to it (<see cref="Event.FestivalId"/>).</summary>
    public List<Event> Events { get; private set; } = [];

    private Festival() { }

    /// <summary>What the public may see: approved, its vendor's account active.</summary>
    public static readonly Expression<Func<Festival, bool>> IsPublic = f => f.Status == EventStatus.Approved && f.Vendor.IsActive;

    /// <summary>Whether an event from <paramref name="start"/> to <paramref name="end"/> (or its start alone) falls within the festival.</summary>
    public bool Holds(DateTime start, DateTime? end) => start >= StartDate && (end ?? start) <= EndDate;

    public static Festival Submit(int vendorId, FestivalDetails details, DateTime now)
    {
        var f = new Festival { VendorId = vendorId, CreatedAt = now };
        f.Apply(details, now);
        return f;
    }

    /// <summary>A vendor's edit: an approved or rejected festival goes back to review.</summary>
    public void Edit(FestivalDetails details, DateTime now)
    {
        Apply(details, now);
        (Status, RejectionReason) = (EventStatus.Pending, null);
    }

    public Outcome<Notification> Approve(int adminId, DateTime now)
    {
        if (Status == EventStatus.Approved)
        {
            return Outcome<Notification>.Conflict(Event.Unchanged, "The festival is already approved.");
        }
        Decide(EventStatus.Approved, null, adminId, now);
        return Outcome<Notification>.Done(Notification.ForFestival(this, $"Your festival '{Title}' was approved.", now));
    }

    public Outcome<Notification> Reject(int adminId, string reason, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > Event.ReasonMaxLength)
        {
            var errors = new FieldErrors();
            errors.Add("reason", $"A rejection needs a reason of 1 to {Event.ReasonMaxLength} characters.");
            return Outcome<Notification>.Invalid(errors);
        }
        if (Status == EventStatus.Rejected)
        {
            return Outcome<Notification>.Conflict(Event.Unchanged, "The festival is already rejected.");
        }
        Decide(EventStatus.Rejected, reason, adminId, now);
        return Outcome<Notification>.Done(Notification.ForFestival(this, $"Your festival '{Title}' was rejected. Reason: {reason}", now));
    }

    private void Decide(string status, string? reason, int adminId, DateTime now)
    {
        (Status, RejectionReason, ModeratedById, ModeratedAt, UpdatedAt) = (status, reason, adminId, now, now);
        Version++;
    }

    private void Apply(FestivalDetails d, DateTime now)
    {
        (Title, Description, City, CityKey, StartDate, EndDate) = (d.Title, d.Description, d.City, CityNames.Fold(d.City), d.StartDate, d.EndDate);
        (ImageUrl, ThumbnailUrl, ImageKey, Images, Website) = (d.ImageUrl, d.ThumbnailUrl, d.ImageKey, d.Images, d.Website);
        UpdatedAt = now;
        Version++;
    }
}

internal sealed class FestivalConfiguration : IEntityTypeConfiguration<Festival>
{
    public void Configure(EntityTypeBuilder<Festival> b)
    {
        b.ToTable("events_festival");
        b.Property(f => f.Title).HasMaxLength(Festival.TitleMaxLength).IsRequired();
        b.Property(f => f.Description).IsRequired();
        b.Property(f => f.City).HasMaxLength(Event.CityMaxLength).IsRequired();
        b.Property(f => f.CityKey).HasMaxLength(Event.CityMaxLength).IsRequired();
        b.Property(f => f.ImageUrl).HasMaxLength(Event.UrlMaxLength).IsRequired();
        b.Property(f => f.ThumbnailUrl).HasMaxLength(Event.UrlMaxLength);
        b.Property(f => f.ImageKey).HasMaxLength(300);
        b.Property(f => f.Images).HasConversion(new EventImages.Converter(), new EventImages.Comparer());
        b.Property(f => f.Website).HasMaxLength(Festival.WebsiteMaxLength);
        b.Property(f => f.Status).HasMaxLength(20).IsRequired();
        b.Property(f => f.RejectionReason).HasMaxLength(Event.ReasonMaxLength);
        b.Property(f => f.Version).IsConcurrencyToken();
        // Deleting a festival leaves its events, detached.
        b.HasMany(f => f.Events).WithOne(e => e.Festival).HasForeignKey(e => e.FestivalId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(f => f.Vendor).WithMany().HasForeignKey(f => f.VendorId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(f => f.ModeratedById).OnDelete(DeleteBehavior.SetNull);
        // The public list (approved, not yet over) and the queue.
        b.HasIndex(f => new { f.Status, f.EndDate });
        b.HasIndex(f => new { f.VendorId, f.CreatedAt });
    }
}
