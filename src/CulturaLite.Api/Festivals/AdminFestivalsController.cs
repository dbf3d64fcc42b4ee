using System.Text.Json;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Moderation;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Festivals;

/// <summary>Festival moderation, as the events': the queue, one festival with its `version`, approve and reject.</summary>
[ApiController]
[Authorize(Policies.Admin)]
[Route("api/admin/festivals")]
[Tags("Moderation")]
public sealed class AdminFestivalsController(AppDbContext db, DashboardFestivals festivals, ModerationDecisions decisions, IOptions<JsonOptions> json) : ControllerBase
{
    /// <summary>All festivals; filter `status` (the pending queue comes oldest first), `city`, `vendor`.</summary>
    [HttpGet]
    [ReadsQuery("status", "city", "vendor")]
    [ProducesResponseType<Page<DashboardFestivalResponse>>(200)]
    public async Task<IActionResult> List(CancellationToken ct)
    {
        var errors = new FieldErrors();
        var status = Request.Query["status"].ToString();
        if (status.Length > 0 && !EventStatus.IsKnown(status))
        {
            errors.Add("status", $"Select a valid choice. {status} is not one of the available choices.");
        }
        var vendorText = Request.Query["vendor"].ToString();
        int? vendor = null;
        if (vendorText.Length > 0)
        {
            if (int.TryParse(vendorText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v))
            {
                vendor = v;
            }
            else
            {
                errors.Add("vendor", "Select a valid choice. That choice is not one of the available choices.");
            }
        }
        // Read as every list reads text (a NUL byte or an overlong value is a field error, never a database error).
        var city = QueryText.Read(Request.Query, "city", errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var query = db.Festivals.AsNoTracking();
        if (status.Length > 0)
        {
            query = query.Where(f => f.Status == status);
        }
        if (vendor is { } vendorId)
        {
            query = query.Where(f => f.VendorId == vendorId);
        }
        if (city is not null)
        {
            var key = CityNames.Fold(CityNames.Tidy(city));
            query = query.Where(f => f.CityKey == key);
        }
        var ordered = status == EventStatus.Pending
            ? query.OrderBy(f => f.CreatedAt).ThenBy(f => f.Id)
            : query.OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id);
        var page = await ordered.Select(DashboardFestivalResponse.Projection).ToPageAsync(Request, ct);
        return page is null ? Pagination.InvalidPage() : Ok(page);
    }

    [HttpGet("{id:int}")]
    [ProducesResponseType<DashboardFestivalResponse>(200)]
    public async Task<IActionResult> Get(int id, CancellationToken ct) =>
        await festivals.FindAsync(User.UserId(), id, admin: true, ct) is { } f ? Ok(f) : ProblemConventions.NotFound(DashboardFestivals.NoSuchFestival);

    /// <summary>Approves the festival at the `version` the admin reviewed; its vendor is notified.</summary>
    [HttpPost("{id:int}/approve")]
    public async Task<IActionResult> Approve(int id, DecisionRequest? request, CancellationToken ct)
    {
        if (request?.Version is not { } version)
        {
            return VersionRequired();
        }
        return await Respond(id, await festivals.DecideAsync(id, version, User.UserId(), reason: null, ct), "approved", ct);
    }

    /// <summary>Rejects the festival at the `version` the admin reviewed, with a `reason` (or a reason `template`).</summary>
    [HttpPost("{id:int}/reject")]
    public async Task<IActionResult> Reject(int id, DecisionRequest? request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (request?.Version is null)
        {
            errors.Add("version", "This field is required: the festival's version as you reviewed it.");
        }
        var reason = await decisions.ReasonAsync(errors, request?.Reason, request?.Template, ct);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        return await Respond(id, await festivals.DecideAsync(id, request!.Version!.Value, User.UserId(), reason!, ct), "rejected", ct);
    }

    /// <summary>Takes an event out of the festival.</summary>
    [HttpDelete("{id:int}/events/{eventId:int}")]
    [ProducesResponseType(204)]
    public async Task<IActionResult> Detach(int id, int eventId, CancellationToken ct) =>
        await festivals.DetachAsync(User.UserId(), admin: true, id, eventId, ct) ? NoContent() : ProblemConventions.NotFound(DashboardFestivals.NoSuchEvent);

    private static ObjectResult VersionRequired()
    {
        var errors = new FieldErrors();
        errors.Add("version", "This field is required: the festival's version as you reviewed it.");
        return errors.ToProblem();
    }

    private async Task<IActionResult> Respond(int id, Outcome<Festival> outcome, string verb, CancellationToken ct)
    {
        if (outcome.Code == ModerationDecisions.Stale)
        {
            return await festivals.FindAsync(0, id, admin: true, ct) is { } current
                ? outcome.ToProblem(("festival", current))
                : ProblemConventions.NotFound(DashboardFestivals.NoSuchFestival);
        }
        if (!outcome.Succeeded)
        {
            return outcome.ToProblem();
        }
        if (await festivals.FindAsync(0, id, admin: true, ct) is not { } f)
        {
            return ProblemConventions.NotFound(DashboardFestivals.NoSuchFestival);
        }
        var body = JsonSerializer.SerializeToNode(f, json.Value.JsonSerializerOptions)!.AsObject();
        body["message"] = $"Festival {verb}.";
        return Ok(body);
    }
}
