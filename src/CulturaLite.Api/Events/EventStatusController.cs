using CulturaLite.Api.Accounts;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CulturaLite.Api.Events;

/// <summary>
/// The status actions a vendor takes on their own approved event (cancel, postpone, reschedule, move online):
/// public at once, without review, audited, notifying nobody (<see cref="EventStatusActions"/>). A pending, rejected
/// or another vendor's event is not found.
/// </summary>
[ApiController]
[Authorize(Policies.Vendor)]
[Route("api/dashboard/events/{id:int}")]
[Tags("Vendor dashboard")]
public sealed class EventStatusController(EventStatusActions actions) : ControllerBase
{
    /// <summary>Cancels the event (for good); `reason` optional.</summary>
    [HttpPost("cancel")]
    [ProducesResponseType<DashboardEventResponse>(200)]
    public Task<IActionResult> Cancel(int id, CancellationToken ct) => TakeAsync(id, EventStatusActions.Cancel, ct);

    /// <summary>Postpones the event: the new date is not known yet; `reason` optional.</summary>
    [HttpPost("postpone")]
    [ProducesResponseType<DashboardEventResponse>(200)]
    public Task<IActionResult> Postpone(int id, CancellationToken ct) => TakeAsync(id, EventStatusActions.Postpone, ct);

    /// <summary>Moves the event to a new `event_date` (and `end_date`), keeping the earlier start in `previous_start_dates`.</summary>
    [HttpPost("reschedule")]
    [ProducesResponseType<DashboardEventResponse>(200)]
    public Task<IActionResult> Reschedule(int id, CancellationToken ct) => TakeAsync(id, EventStatusActions.Reschedule, ct);

    /// <summary>Moves the event online at `online_url`.</summary>
    [HttpPost("move-online")]
    [ProducesResponseType<DashboardEventResponse>(200)]
    public Task<IActionResult> MoveOnline(int id, CancellationToken ct) => TakeAsync(id, EventStatusActions.MoveOnline, ct);

    private async Task<IActionResult> TakeAsync(int id, string action, CancellationToken ct)
    {
        var me = User.UserId();
        // Not found before the body is read, as before: another vendor's id is a 404 whatever the body holds.
        if (!await actions.CanActAsync(me, id, ct))
        {
            return ProblemConventions.NotFound(EventStatusActions.NoSuchEvent);
        }
        var (fields, problem) = await RequestFields.ReadAsync(Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        return (await actions.TakeAsync(me, id, action, fields!, ct)).ToResult(Ok);
    }
}
