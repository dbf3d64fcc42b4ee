using System.Linq.Expressions;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Notifications;

public sealed record NotificationEventResponse(int Id, string Title);

/// <summary>A notification: `event` is the event it is about, or null when it is about a festival (then `festival`).</summary>
public sealed record NotificationResponse(int Id, string Message, bool IsRead, DateTime CreatedAt, NotificationEventResponse? Event)
{
    public NotificationEventResponse? Festival { get; init; }

    public static readonly Expression<Func<Notification, NotificationResponse>> Projection = n =>
        new NotificationResponse(n.Id, n.Message, n.IsRead, n.CreatedAt, n.Event == null ? null : new NotificationEventResponse(n.Event.Id, n.Event.Title))
        {
            Festival = n.Festival == null ? null : new NotificationEventResponse(n.Festival.Id, n.Festival.Title),
        };
}

/// <summary>The notifications page adds `unread_count` to DRF's page shape.</summary>
public sealed class NotificationPage : Page<NotificationResponse>
{
    public required int UnreadCount { get; init; }
}

public sealed record ReadAllResponse(string Message, int Updated, int UnreadCount);

/// <summary>The caller's own notifications; another user's are not found.</summary>
[ApiController]
[Authorize(Policies.Vendor)]
[Route("api/notifications")]
[Tags("Notifications")]
public sealed class NotificationsController(AppDbContext db, NotificationInbox inbox) : ControllerBase
{
    private int Me => User.UserId();

    /// <summary>Newest first, paginated, with `unread_count`.</summary>
    [HttpGet]
    [ProducesResponseType<NotificationPage>(200)]
    public async Task<IActionResult> List(CancellationToken ct)
    {
        var mine = db.Notifications.AsNoTracking().Where(n => n.VendorId == Me);
        if (!PageRequest.TryParse(Request.Query, out var request))
        {
            return Pagination.InvalidPage();
        }
        var count = await mine.CountAsync(ct);
        var page = await mine.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Select(NotificationResponse.Projection).ToPageAsync(count, request, Request, ct);
        if (page is null)
        {
            return Pagination.InvalidPage();
        }
        var unread = await mine.CountAsync(n => !n.IsRead, ct);
        return Ok(new NotificationPage { Count = page.Count, Next = page.Next, Previous = page.Previous, Results = page.Results, UnreadCount = unread });
    }

    /// <summary>Marks one notification read.</summary>
    [HttpPost("{id:int}/read")]
    [ProducesResponseType<NotificationResponse>(200)]
    public async Task<IActionResult> Read(int id, CancellationToken ct) =>
        await inbox.MarkReadAsync(Me, id, ct) is { } n ? Ok(n) : ProblemConventions.NotFound("No notification matches the given id.");

    /// <summary>Marks all of the caller's notifications read.</summary>
    [HttpPost("read-all")]
    [ProducesResponseType<ReadAllResponse>(200)]
    public async Task<IActionResult> ReadAll(CancellationToken ct) =>
        Ok(new ReadAllResponse("All notifications marked as read.", await inbox.MarkAllReadAsync(Me, ct), 0));
}
