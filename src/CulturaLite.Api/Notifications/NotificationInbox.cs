using CulturaLite.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Notifications;

/// <summary>A vendor's notifications, marked read by the API and the portal alike.</summary>
public sealed class NotificationInbox(AppDbContext db)
{
    /// <summary>Marks one read; null when the vendor has no such notification.</summary>
    public async Task<NotificationResponse?> MarkReadAsync(int vendorId, int id, CancellationToken ct)
    {
        await db.Notifications.Where(n => n.Id == id && n.VendorId == vendorId)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.IsRead, true), ct);
        return await db.Notifications.AsNoTracking().Where(n => n.Id == id && n.VendorId == vendorId)
            .Select(NotificationResponse.Projection).FirstOrDefaultAsync(ct);
    }

    /// <summary>Marks every unread one read; how many were.</summary>
    public Task<int> MarkAllReadAsync(int vendorId, CancellationToken ct) =>
        db.Notifications.Where(n => n.VendorId == vendorId && !n.IsRead).ExecuteUpdateAsync(s => s.SetProperty(n => n.IsRead, true), ct);

    /// <summary>How many the vendor has not read.</summary>
    public Task<int> UnreadAsync(int vendorId, CancellationToken ct) => db.Notifications.CountAsync(n => n.VendorId == vendorId && !n.IsRead, ct);
}
