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
public sealed record DecisionRequest(int? Version, string? Reason);

/// <summary>The moderation queue and the decisions on it.</summary>
[ApiController]
[Authorize(Policies.Admin)]
[Route("api/admin/events")]
[Tags("Moderation")]
public sealed class AdminEventsController(AppDbContext db, CityDirectory cities, IOptions<SiteOptions> site, ModerationDecisions decisions, IOptions<JsonOptions> json) : ControllerBase
{
    /// <summary>All events; filters `status` (the pending queue comes oldest first), `city`, `category`, `vendor`, `search`.</summary>
    [HttpGet]
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
        var categoryId = await filters.ResolveCategoryAsync(db.Categories, ct);
        var page = await ModerationQueue.Query(db, filters, await cities.GetAsync(ct), vendor, categoryId).AsNoTracking()
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
        var reason = errors.Text("reason", request?.Reason, Event.ReasonMaxLength);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        return await Respond(id, await decisions.RejectAsync(id, version!.Value, User.UserId(), reason!, ct), "rejected", ct);
    }

    private static int? ReviewedVersion(FieldErrors errors, DecisionRequest? request)
    {
        if (request?.Version is not { } version)
        {
            errors.Add("version", "This field is required: the event's version as you reviewed it.");
            return null;
        }
        return version;
    }

    private async Task<IActionResult> Respond(int id, DecisionOutcome outcome, string verb, CancellationToken ct)
    {
        switch (outcome)
        {
            case DecisionOutcome.NotFound:
                return ProblemConventions.NotFound("No event matches the given id.");
            case DecisionOutcome.AlreadyInState:
                return ProblemConventions.Conflict($"The event is already {verb}.");
            case DecisionOutcome.Conflict:
                return ProblemConventions.Conflict("The event was changed by another request at the same time. Reload it and try again.");
            case DecisionOutcome.Stale:
                return await Project(id, ct) is { } current
                    ? ProblemConventions.Conflict("The event changed since you reviewed it. Review the current version and decide again.", ("event", current))
                    : ProblemConventions.NotFound("No event matches the given id.");
        }
        // Deleted by its vendor a moment after the decision: nothing left to show.
        if (await Project(id, ct) is not { } e)
        {
            return ProblemConventions.NotFound("No event matches the given id.");
        }
        // The event as the dashboard shows it, plus a sentence for the admin.
        var body = JsonSerializer.SerializeToNode(e, json.Value.JsonSerializerOptions)!.AsObject();
        body["message"] = $"Event {verb}.";
        return Ok(body);
    }

    private Task<DashboardEventResponse?> Project(int id, CancellationToken ct) =>
        db.Events.AsNoTracking().Where(e => e.Id == id).Select(DashboardEventResponse.Projection).FirstOrDefaultAsync(ct);
}
