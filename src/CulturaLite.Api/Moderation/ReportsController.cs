using System.Net;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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
    AppDbContext db, ReportResolutions resolutions, ModerationDecisions decisions, IOptions<ModerationOptions> options, TimeProvider clock)
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
        var e = await db.Events.Where(e => e.Id == id).Where(Event.IsPublic).FirstOrDefaultAsync(ct);
        if (e is null)
        {
            return NoSuchEvent();
        }
        var reporter = User.Identity?.IsAuthenticated == true && User.FindFirst("user_id")?.Value is { } userId
            ? $"user:{userId}"
            : $"ip:{HttpContext.Connection.RemoteIpAddress ?? IPAddress.None}";
        var open = db.EventReports.Where(r => r.EventId == id && r.ResolvedAt == null);
        if (!await open.AnyAsync(r => r.Reporter == reporter, ct))
        {
            db.EventReports.Add(EventReport.File(id, reason!, string.IsNullOrEmpty(message) ? null : message, reporter, clock.GetUtcNow().UtcDateTime));
            var reporters = await open.Select(r => r.Reporter).Distinct().CountAsync(ct) + 1;
            if (reporters >= options.Value.ReportThreshold)
            {
                e.HideForReports();
            }
            if (!await db.SaveUnlessEventGoneAsync(id, ct))
            {
                return NoSuchEvent();
            }
        }
        return Accepted(new MessageResponse("Thank you. A moderator will look at this event."));
    }

    private static ObjectResult NoSuchEvent() => ProblemConventions.NotFound("No approved event matches the given id.");

    /// <summary>Events with open reports (each with its reports), most reported first.</summary>
    [HttpGet("api/admin/reports")]
    [Authorize(Policies.Admin)]
    public async Task<IActionResult> List(CancellationToken ct)
    {
        var reported = db.Events.AsNoTracking()
            .Where(e => db.EventReports.Any(r => r.EventId == e.Id && r.ResolvedAt == null))
            .OrderByDescending(e => db.EventReports.Count(r => r.EventId == e.Id && r.ResolvedAt == null)).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.Title, e.Status, hidden = e.HiddenByReports, e.Version });
        var page = await reported.ToPageAsync(Request, ct);
        if (page is null)
        {
            return Pagination.InvalidPage();
        }
        var ids = page.Results.Select(e => e.Id).ToList();
        var reports = await db.EventReports.AsNoTracking().Where(r => ids.Contains(r.EventId) && r.ResolvedAt == null)
            .OrderBy(r => r.Id).ToListAsync(ct);
        return Ok(new Page<object>
        {
            Count = page.Count,
            Next = page.Next,
            Previous = page.Previous,
            Results = page.Results.Select(e => (object)new
            {
                @event = e,
                reporters = reports.Where(r => r.EventId == e.Id).Select(r => r.Reporter).Distinct().Count(),
                reports = reports.Where(r => r.EventId == e.Id).Select(r => new { r.Id, r.Reason, r.Message, r.CreatedAt }),
            }).ToList(),
        });
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
