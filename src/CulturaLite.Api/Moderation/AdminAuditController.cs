using System.Globalization;
using System.Text.Json;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Moderation;

public sealed record AuditActorResponse(int Id, string? Email);

public sealed record AuditTargetResponse(string Type, int Id);

public sealed record AuditEntryResponse(long Id, DateTime At, AuditActorResponse? Actor, string Action, AuditTargetResponse Target, JsonElement Data);

/// <summary>The admin action log: read-only, newest first. No endpoint changes or removes an entry.</summary>
[ApiController]
[Authorize(Policies.Admin)]
[Route("api/admin/audit")]
[Tags("Moderation")]
public sealed class AdminAuditController(AppDbContext db, IOptions<SiteOptions> site) : ControllerBase
{
    /// <summary>Filters: `actor` (user id), `action` (e.g. event.reject), `event` (event id), `date_from`, `date_to`.</summary>
    [HttpGet]
    [ReadsQuery("actor", "action", "event", "date_from", "date_to")]
    [ProducesResponseType<Page<AuditEntryResponse>>(200)]
    public async Task<IActionResult> List(CancellationToken ct)
    {
        var errors = new FieldErrors();
        var filters = EventFilters.Parse(Request.Query, errors, site.Value.Zone);
        var entries = db.AuditEntries.AsNoTracking();
        if (Id("actor", errors) is { } actor)
        {
            entries = entries.Where(a => a.ActorId == actor);
        }
        if (Id("event", errors) is { } eventId)
        {
            entries = entries.Where(a => a.TargetType == "event" && a.TargetId == eventId);
        }
        if (QueryText.Read(Request.Query, "action", errors) is { } action)
        {
            entries = entries.Where(a => a.Action == action);
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        if (filters.From is { } from)
        {
            entries = entries.Where(a => a.At >= from);
        }
        if (filters.To is { } to)
        {
            entries = entries.Where(a => a.At <= to);
        }
        var page = await entries.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).ToPageAsync(Request, ct);
        if (page is null)
        {
            return Pagination.InvalidPage();
        }
        return Ok(new Page<AuditEntryResponse>
        {
            Count = page.Count,
            Next = page.Next,
            Previous = page.Previous,
            Results = page.Results.Select(a => new AuditEntryResponse(a.Id, a.At,
                a.ActorId is { } id ? new AuditActorResponse(id, a.ActorEmail) : null, a.Action,
                new AuditTargetResponse(a.TargetType, a.TargetId), JsonDocument.Parse(a.Data).RootElement.Clone())).ToList(),
        });
    }

    private int? Id(string name, FieldErrors errors)
    {
        var text = Request.Query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }
        errors.Add(name, "A valid integer is required.");
        return null;
    }
}
