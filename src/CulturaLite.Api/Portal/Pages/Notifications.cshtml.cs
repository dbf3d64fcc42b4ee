using CulturaLite.Api.Data;
using CulturaLite.Api.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Portal.Pages;

/// <summary>The vendor's notifications, unread first then newest, 20 a page; marking one or all read (<see cref="NotificationInbox"/>).</summary>
public sealed class NotificationsModel(AppDbContext db, NotificationInbox inbox) : PortalPageModel
{
    public const int PageSize = 20;

    [BindProperty(Name = "page", SupportsGet = true)]
    public int Number { get; set; } = 1;

    public IReadOnlyList<NotificationResponse> Items { get; private set; } = [];
    public int LastPage { get; private set; } = 1;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Number = Math.Max(1, Number);
        var mine = db.Notifications.AsNoTracking().Where(n => n.VendorId == Me);
        LastPage = Math.Max(1, (await mine.CountAsync(ct) + PageSize - 1) / PageSize);
        Items = await mine.OrderBy(n => n.IsRead).ThenByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((Number - 1) * PageSize).Take(PageSize).Select(NotificationResponse.Projection).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostReadAsync(int id, CancellationToken ct) =>
        await inbox.MarkReadAsync(Me, id, ct) is null ? NotFound() : LocalRedirect("/vendor/notifications");

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        await inbox.MarkAllReadAsync(Me, ct);
        return DoneThen("All notifications marked as read.", "/vendor/notifications");
    }
}
