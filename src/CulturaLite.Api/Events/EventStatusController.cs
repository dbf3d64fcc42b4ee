using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Moderation;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Events;

/// <summary>
/// The status actions a vendor takes on their own approved event (cancel, postpone, reschedule, move online):
/// public at once, without review, audited, notifying nobody. A pending, rejected or another vendor's event is not found.
/// </summary>
[ApiController]
[Authorize(Policies.Vendor)]
[Route("api/dashboard/events/{id:int}")]
[Tags("Vendor dashboard")]
public sealed class EventStatusController(AppDbContext db, AuditLog audit, TimeProvider clock) : ControllerBase
{
    /// <summary>Cancels the event (for good); `reason` optional.</summary>
    [HttpPost("cancel")]
    [ProducesResponseType<DashboardEventResponse>(200)]
    public Task<IActionResult> Cancel(int id, CancellationToken ct) =>
        ActAsync(id, "event.cancel", (e, fields, errors, now) => Reason(fields, errors) is var reason && errors.Any ? null : e.Cancel(reason, now), ct);

    /// <summary>Postpones the event: the new date is not known yet; `reason` optional.</summary>
    [HttpPost("postpone")]
    [ProducesResponseType<DashboardEventResponse>(200)]
    public Task<IActionResult> Postpone(int id, CancellationToken ct) =>
        ActAsync(id, "event.postpone", (e, fields, errors, now) => Reason(fields, errors) is var reason && errors.Any ? null : e.Postpone(reason, now), ct);

    /// <summary>Moves the event to a new `event_date` (and `end_date`), keeping the earlier start in `previous_start_dates`.</summary>
    [HttpPost("reschedule")]
    [ProducesResponseType<DashboardEventResponse>(200)]
    public Task<IActionResult> Reschedule(int id, CancellationToken ct) =>
        ActAsync(id, "event.reschedule", (e, fields, errors, now) =>
        {
            var start = Date(fields, errors, "event_date", required: true);
            var end = Date(fields, errors, "end_date", required: false);
            return errors.Any ? null : e.Reschedule(start!.Value, end, now);
        }, ct);

    /// <summary>Moves the event online at `online_url`.</summary>
    [HttpPost("move-online")]
    [ProducesResponseType<DashboardEventResponse>(200)]
    public Task<IActionResult> MoveOnline(int id, CancellationToken ct) =>
        ActAsync(id, "event.move_online", (e, fields, errors, now) =>
        {
            var text = errors.Text("online_url", fields.Get("online_url") is { IsText: true } v ? v.Text : null, EventFacts.UrlMaxLength);
            var url = text is null ? null : errors.HttpUrl("online_url", text);
            return errors.Any ? null : e.MoveOnline(url!, now);
        }, ct);

    private delegate Outcome<Event>? Action(Event e, RequestFields fields, FieldErrors errors, DateTime now);

    private async Task<IActionResult> ActAsync(int id, string auditAction, Action act, CancellationToken ct)
    {
        var me = User.UserId();
        var e = await db.Events.FirstOrDefaultAsync(e => e.Id == id && e.VendorId == me && e.Status == EventStatus.Approved, ct);
        if (e is null)
        {
            return ProblemConventions.NotFound("No approved event of yours matches the given id.");
        }
        var (fields, problem) = await RequestFields.ReadAsync(Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var errors = new FieldErrors();
        var now = clock.GetUtcNow().UtcDateTime;
        var outcome = act(e, fields!, errors, now);
        if (outcome is null)
        {
            return errors.ToProblem();
        }
        if (!outcome.Succeeded)
        {
            return outcome.ToProblem();
        }
        // The change is public at once: its revision counts as approved, so a later review shows only the vendor's edits.
        var revision = EventRevision.Of(e, now);
        revision.MarkApproved(now);
        db.EventRevisions.Add(revision);
        await audit.RecordAsync(auditAction, "event", id, new { event_status = e.Lifecycle, status_reason = e.StatusReason, event_date = e.EventDate }, ct: ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ProblemConventions.Conflict("The event was changed meanwhile. Reload it and try again.");
        }
        var item = await db.Events.AsNoTracking().Where(x => x.Id == id).Select(DashboardEventResponse.Projection).FirstAsync(ct);
        return Ok(item);
    }

    private static string? Reason(RequestFields fields, FieldErrors errors) => fields.Get("reason") switch
    {
        null or { IsNull: true } => null,
        { IsText: true, Text: var text } => errors.Text("reason", text, EventLifecycle.ReasonMaxLength, required: false, allowBlank: true) is { Length: > 0 } clean ? clean : null,
        _ => Invalid(errors, "reason", "Not a valid string."),
    };

    private static DateTime? Date(RequestFields fields, FieldErrors errors, string name, bool required)
    {
        var value = fields.Get(name);
        if (value is null || value.Value.IsNull || (value.Value.IsText && string.IsNullOrWhiteSpace(value.Value.Text)))
        {
            if (required)
            {
                errors.Add(name, "This field is required.");
            }
            return null;
        }
        if (!value.Value.IsText || !UtcDateTimeConverter.TryParse(value.Value.Text, out var date) || date.Year > 9000)
        {
            errors.Add(name, "Datetime has wrong format. Use ISO 8601, e.g. 2026-03-14T18:30:00Z.");
            return null;
        }
        return date;
    }

    private static string? Invalid(FieldErrors errors, string name, string message)
    {
        errors.Add(name, message);
        return null;
    }
}
