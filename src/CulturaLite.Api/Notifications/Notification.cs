using CulturaLite.Api.Accounts;
using CulturaLite.Api.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Notifications;

/// <summary>A message in a vendor's dashboard about one of their events.</summary>
public sealed class Notification
{
    public int Id { get; private set; }
    public const int MessageMaxLength = 2000;

    public string Message { get; private set; } = "";
    public bool IsRead { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public int VendorId { get; private set; }
    /// <summary>The event it is about; null for a notification about a festival.</summary>
    public int? EventId { get; private set; }
    public Event? Event { get; private set; }
    /// <summary>The festival it is about; null for a notification about an event.</summary>
    public int? FestivalId { get; private set; }
    public Festivals.Festival? Festival { get; private set; }

    private Notification() { }

    public static Notification For(Event e, string message, DateTime now) => new()
    {
        Message = message,
        VendorId = e.VendorId,
        Event = e,
        CreatedAt = now,
    };

    public static Notification ForFestival(Festivals.Festival f, string message, DateTime now) => new()
    {
        Message = message,
        VendorId = f.VendorId,
        Festival = f,
        CreatedAt = now,
    };

    /// <summary>A notification about neither an event nor a festival (an admin told that a webhook was disabled).</summary>
    public static Notification ToUser(int userId, string message, DateTime now) => new()
    {
        Message = message,
        VendorId = userId,
        CreatedAt = now,
    };

    /// <summary>A notification copied from the Django backend (`import-django`), with its read state.</summary>
    public static Notification Import(int vendorId, int eventId, string message, bool isRead, DateTime createdAt) => new()
    {
        Message = message,
        VendorId = vendorId,
        EventId = eventId,
        IsRead = isRead,
        CreatedAt = createdAt,
    };

    public void MarkRead() => IsRead = true;
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications_notification");
        b.Property(n => n.Message).HasMaxLength(Notification.MessageMaxLength).IsRequired();
        b.HasOne(n => n.Event).WithMany().HasForeignKey(n => n.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(n => n.Festival).WithMany().HasForeignKey(n => n.FestivalId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(n => n.VendorId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(n => n.IsRead);
        b.HasIndex(n => n.VendorId);
        b.HasIndex(n => new { n.VendorId, n.CreatedAt });
    }
}
