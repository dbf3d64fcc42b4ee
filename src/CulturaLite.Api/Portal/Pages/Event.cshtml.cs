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

    /// <summary>One date of a series moved alone (the API's PATCH with only `event_date` and `end_date`).</summary>
    public async Task<IActionResult> OnPostMoveAsync(CancellationToken ct)
    {
        if (await RequestFields.ReadAsync(Request, ct) is not ({ } fields, null))
        {
            return BadRequest();
        }
        foreach (var name in fields.Names.Except(["event_date", "end_date"]).ToList())
        {
            fields = fields.Without(name);
        }
        var keepsLength = fields.Get("end_date") is not { IsText: true, Text.Length: > 0 };
        if (keepsLength)
        {
            fields = fields.Without("end_date");
        }
        PortalForm.Dates(fields, SiteZone, "event_date", "end_date");
        // Left empty, the end moves with the start: the date keeps its length, as a reschedule does.
        if (keepsLength && await events.FindAsync(Me, Id, ct) is { EndDate: { } end } current
            && fields.Get("event_date") is { IsText: true, Text: { } startText }
            && DateTime.TryParse(startText, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var start))
        {
            fields.With("end_date", (start + (end - current.EventDate)).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }
        var moved = await events.EditAsync(Me, Id, fields, partial: true, BaseUrl, ct);
        if (!moved.Succeeded)
        {
            FailedAction = "move-date";
            return await LoadAsync(ct) ? Failed(moved) : NotFound();
        }
        return DoneThen("done:move-date", $"/vendor/events/{Id}");
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
