using CulturaLite.Api.Accounts;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Moderation;

/// <summary>`Moderation:*` settings.</summary>
public sealed class ModerationOptions
{
    /// <summary>Open reports from this many distinct reporters hide an approved event until an admin decides.</summary>
    public int ReportThreshold { get; set; } = 3;
}

public sealed record ReportRequest(string? Reason, string? Message);

public sealed record ResolveReportsRequest(string? Action, string? Reason, int? Template);

/// <summary>Reports from the public, and their resolution by an admin.</summary>
[ApiController]
[Tags("Moderation")]
public sealed class ReportsController(
    PublicReports reports, ReportQueue queue, ReportResolutions resolutions, ModerationDecisions decisions)
    : ControllerBase
{
    /// <summary>Reports a public event `{"reason": "spam"|"wrong_info"|"offensive"|"scam"|"other", "message"?}`; no login needed.</summary>
    [HttpPost("api/events/{id:int}/report")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.Reports)]
    [ProducesResponseType(202)]
    public async Task<IActionResult> Report(int id, ReportRequest? request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var reason = errors.Text("reason", request?.Reason, 20);
        if (reason is not null && !EventReport.Reasons.Contains(reason))
        {
            errors.Add("reason", $"Select a valid choice: {string.Join(", ", EventReport.Reasons)}.");
        }
        var message = errors.Text("message", request?.Message, EventReport.MessageMaxLength, required: false, allowBlank: true);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var filed = await reports.FileAsync(id, reason!, string.IsNullOrEmpty(message) ? null : message, HttpContext.Connection.RemoteIpAddress, User.UserId() is > 0 and var by ? by : null, ct);
        return filed.ToResult(_ => Accepted(new MessageResponse("Thank you. A moderator will look at this event.")));
    }

    /// <summary>Events with open reports (each with its reports): hidden first, then by number of distinct reporters.</summary>
    [HttpGet("api/admin/reports")]
    [Authorize(Policies.Admin)]
    public async Task<IActionResult> List(CancellationToken ct)
    {
        var page = await queue.PageAsync(Request, ct);
        if (page is null)
        {
            return Pagination.InvalidPage();
        }
        return Ok(page.Map(g => new
        {
            @event = new { g.Event.Id, g.Event.Title, g.Event.Status, hidden = g.Event.Hidden, g.Event.Version },
            reporters = g.Reporters,
            reports = g.Reports.Select(r => new { r.Id, r.Reason, r.Message, r.CreatedAt }),
        }));
    }

    /// <summary>`{"action": "keep"|"reject", "reason"?}`: keep lists the event again; reject rejects it (the vendor is notified).</summary>
    [HttpPost("api/admin/events/{id:int}/reports/resolve")]
    [Authorize(Policies.Admin)]
    public async Task<IActionResult> Resolve(int id, ResolveReportsRequest? request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (request?.Action is not ("keep" or "reject"))
        {
            errors.Add("action", "Select a valid choice: keep or reject.");
        }
        string? reason = null;
        if (request?.Action == "reject")
        {
            reason = await decisions.ReasonAsync(errors, request.Reason, request.Template, ct);
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var outcome = await resolutions.ResolveAsync(id, request!.Action == "keep", reason, User.UserId(), ct);
        return outcome.ToResult(resolved => Ok(new { id, action = request.Action, resolved }));
    }
}
