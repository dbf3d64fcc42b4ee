using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Moderation;

/// <summary>A decision names the event's `version` the admin reviewed; a reject also gives a `reason`.</summary>
public sealed record DecisionRequest(int? Version, string? Reason, int? Template);

/// <summary>`{"action": "approve"|"reject", "reason"|"template", "events": [{"id", "version"}]}`.</summary>
public sealed record BulkDecisionRequest(string? Action, string? Reason, int? Template, List<BulkEventRef?>? Events);

public sealed record BulkEventRef(int? Id, int? Version);

/// <summary>The moderation queue and the decisions on it.</summary>
[ApiController]
[Authorize(Policies.Admin)]
[Route("api/admin/events")]
[Tags("Moderation")]
public sealed class AdminEventsController(AppDbContext db, CityResolver cities, IOptions<SiteOptions> site, ModerationDecisions decisions, IOptions<JsonOptions> json) : ControllerBase
{
    /// <summary>All events; filters `status` (the pending queue comes oldest first), `city`, `category`, `vendor`, `search`.</summary>
    [HttpGet]
    [ReadsQuery("vendor", "auto_approved", EventFilters = true)]
    [ProducesResponseType<Page<DashboardEventResponse>>(200)]
    public async Task<IActionResult> List(CancellationToken ct)
    {
        var errors = new FieldErrors();
        var filters = EventFilters.Parse(Request.Query, errors, site.Value.Zone);
        int? vendor = null;
        var vendorText = Request.Query["vendor"].ToString();
        if (vendorText.Length > 0)
        {
            if (int.TryParse(vendorText, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            {
                vendor = v;
            }
            else
            {
                errors.Add("vendor", "Select a valid choice. That choice is not one of the available choices.");
            }
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var events = await ModerationQueue.QueryAsync(db, filters, await cities.GetAsync(ct), vendor, ct);
        if (Request.Query["auto_approved"].ToString().ToLowerInvariant() is "true" or "1")
        {
            events = events.Where(e => e.AutoApproved);
        }
        var page = await events.AsNoTracking()
            .Select(DashboardEventResponse.Projection).ToPageAsync(Request, ct);
        return page is null ? Pagination.InvalidPage() : Ok(page);
    }

    [HttpGet("{id:int}")]
    [ProducesResponseType<DashboardEventResponse>(200)]
    public async Task<IActionResult> Get(int id, CancellationToken ct) =>
        await Project(id, ct) is { } e ? Ok(e) : ProblemConventions.NotFound("No event matches the given id.");

    /// <summary>Approves the event at the `version` the admin reviewed: it becomes public and its vendor is notified (in the dashboard and by email).</summary>
    [HttpPost("{id:int}/approve")]
    public async Task<IActionResult> Approve(int id, DecisionRequest? request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var version = ReviewedVersion(errors, request);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        return await Respond(id, await decisions.ApproveAsync(id, version!.Value, User.UserId(), ct), "approved", ct);
    }

    /// <summary>Rejects the event at the `version` the admin reviewed, with a `reason` its vendor will read.</summary>
    [HttpPost("{id:int}/reject")]
    public async Task<IActionResult> Reject(int id, DecisionRequest? request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var version = ReviewedVersion(errors, request);
        var reason = await ReasonAsync(errors, request?.Reason, request?.Template, ct);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        return await Respond(id, await decisions.RejectAsync(id, version!.Value, User.UserId(), reason!, ct), "rejected", ct);
    }

    /// <summary>
    /// The event's revisions and decisions, oldest first, and `changes`: field by field, what differs
    /// between the last approved revision and the current one (empty when never approved).
    /// </summary>
    [HttpGet("{id:int}/history")]
    public async Task<IActionResult> History(int id, CancellationToken ct)
    {
        if (!await db.Events.AnyAsync(e => e.Id == id, ct))
        {
            return ProblemConventions.NotFound("No event matches the given id.");
        }
        var revisions = await db.EventRevisions.AsNoTracking().Where(r => r.EventId == id).OrderBy(r => r.Id).ToListAsync(ct);
        var decided = await db.AuditEntries.AsNoTracking()
            .Where(a => a.TargetType == "event" && a.TargetId == id && a.Action.StartsWith("event."))
            .OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync(ct);
        var approved = revisions.LastOrDefault(r => r.ApprovedAt is not null);
        var current = revisions.LastOrDefault();
        var changes = approved is null || current is null || approved.Id == current.Id ? [] : EventRevision.Changes(approved.Data, current.Data);
        return Ok(new
        {
            revisions = revisions.Select(r => new { r.Version, r.At, approved = r.ApprovedAt is not null, data = JsonNode.Parse(r.Data) }),
            decisions = decided.Select(a => new
            {
                a.At,
                a.Action,
                actor = a.ActorId is { } actor ? new { id = actor, email = a.ActorEmail } : null,
                data = JsonNode.Parse(a.Data),
            }),
            changes,
        });
    }

    /// <summary>Approves or rejects up to 100 events, each at the version the admin reviewed; an outcome per event.</summary>
    [HttpPost("bulk")]
    public async Task<IActionResult> Bulk(BulkDecisionRequest? request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var approve = request?.Action == "approve";
        if (request?.Action is not ("approve" or "reject"))
        {
            errors.Add("action", "Select a valid choice: approve or reject.");
        }
        var reason = request?.Action == "reject" ? await ReasonAsync(errors, request.Reason, request.Template, ct) : null;
        var items = new List<ModerationDecisions.BulkItem>();
        if (request?.Events is not { Count: > 0 } events)
        {
            errors.Add("events", "Give at least one event: [{\"id\": 1, \"version\": 2}].");
        }
        else if (events.Count > ModerationDecisions.MaxBulk)
        {
            errors.Add("events", $"At most {ModerationDecisions.MaxBulk} events at once.");
        }
        else
        {
            foreach (var item in events)
            {
                if (item is not { Id: { } eventId, Version: { } version })
                {
                    errors.Add("events", "Each event needs its id and the version you reviewed.");
                    break;
                }
                if (items.Any(i => i.Id == eventId))
                {
                    errors.Add("events", $"Event {eventId} is listed twice.");
                    break;
                }
                items.Add(new ModerationDecisions.BulkItem(eventId, version));
            }
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var results = await decisions.BulkAsync(approve, reason, items, User.UserId(), ct);
        return Ok(new { results });
    }

    private Task<string?> ReasonAsync(FieldErrors errors, string? reason, int? template, CancellationToken ct) =>
        decisions.ReasonAsync(errors, reason, template, ct);

    private static int? ReviewedVersion(FieldErrors errors, DecisionRequest? request)
    {
        if (request?.Version is not { } version)
        {
            errors.Add("version", "This field is required: the event's version as you reviewed it.");
            return null;
        }
        return version;
    }

    private async Task<IActionResult> Respond(int id, Outcome<Event> outcome, string verb, CancellationToken ct)
    {
        if (outcome.Code == ModerationDecisions.Stale)
        {
            // The admin decides again on what is there now: the answer carries it.
            return await Project(id, ct) is { } current ? outcome.ToProblem(("event", current)) : ProblemConventions.NotFound(ModerationDecisions.NoSuchEvent);
        }
        if (!outcome.Succeeded)
        {
            return outcome.ToProblem();
        }
        // Deleted by its vendor a moment after the decision: nothing left to show.
        if (await Project(id, ct) is not { } e)
        {
            return ProblemConventions.NotFound(ModerationDecisions.NoSuchEvent);
        }
        // The event as the dashboard shows it, plus a sentence for the admin.
        var body = JsonSerializer.SerializeToNode(e, json.Value.JsonSerializerOptions)!.AsObject();
        body["message"] = $"Event {verb}.";
        return Ok(body);
    }

    private Task<DashboardEventResponse?> Project(int id, CancellationToken ct) =>
        db.Events.AsNoTracking().Where(e => e.Id == id).Select(DashboardEventResponse.Projection).FirstOrDefaultAsync(ct);
}
