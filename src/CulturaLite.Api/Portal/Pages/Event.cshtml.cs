using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Moderation;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Mvc;

namespace CulturaLite.Api.Portal.Pages;

/// <summary>
/// One of the vendor's events: its status and rejection reason, what changed since it was approved, the notes thread
/// with a reply, and the status actions (cancel, postpone, reschedule, move online) and deletion, each through the
/// service the dashboard API uses.
/// </summary>
public sealed class EventModel(AppDbContext db, DashboardEvents events, EventNotes notes, EventStatusActions actions) : PortalPageModel
{
    [FromRoute(Name = "id")]
    public int Id { get; set; }

    public DashboardEventResponse Item { get; private set; } = null!;
    public IReadOnlyList<EventNoteResponse> Notes { get; private set; } = [];
    public IReadOnlyList<FieldChange> Changes { get; private set; } = [];

    /// <summary>The status action whose form holds errors (its fields are shown open).</summary>
    public string? FailedAction { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReplyAsync(string? text, CancellationToken ct)
    {
        var replied = await notes.ReplyAsync(Me, Id, text, ct);
        if (!replied.Succeeded)
        {
            return await LoadAsync(ct) ? Failed(replied) : NotFound();
        }
        return DoneThen("Your reply is sent to the moderators.", $"/vendor/events/{Id}#notes");
    }

    public async Task<IActionResult> OnPostActionAsync(string? act, CancellationToken ct)
    {
        // `act`, not `action`: MVC keeps `action` for its own route value.
        if (act is null || !EventStatusActions.All.Contains(act))
        {
            return BadRequest();
        }
        var action = act;
        // A body that is not a form (JSON sent with the antiforgery header, say) is refused, not read as null.
        if (await RequestFields.ReadAsync(Request, ct) is not ({ } fields, null))
        {
            return BadRequest();
        }
        PortalForm.Dates(fields, SiteZone, "event_date", "end_date");
        var taken = await actions.TakeAsync(Me, Id, action, fields, ct);
        if (!taken.Succeeded)
        {
            FailedAction = action;
            return await LoadAsync(ct) ? Failed(taken) : NotFound();
        }
        return DoneThen("done:" + action, $"/vendor/events/{Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct) =>
        await events.DeleteAsync(Me, Id, ct) ? DoneThen("The event is deleted.", "/vendor/") : NotFound();

    private TimeZoneInfo SiteZone => HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SiteOptions>>().Value.Zone;

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await events.FindAsync(Me, Id, ct) is not { } item)
        {
            return false;
        }
        Item = item;
        Notes = await notes.ForVendorAsync(Me, Id, ct) ?? [];
        Changes = item.Moderation.Status == EventStatus.Pending ? await EventRevision.SinceApprovalAsync(db, Id, ct) : [];
        return true;
    }
}
