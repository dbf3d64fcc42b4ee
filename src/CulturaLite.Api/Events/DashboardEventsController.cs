using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Events;

/// <summary>
/// A vendor's own events, of every status. Ownership is part of every query: another vendor's
/// event is simply not found.
/// </summary>
[ApiController]
[Authorize(Policies.Vendor)]
[Route("api/dashboard/events")]
[Tags("Vendor dashboard")]
public sealed class DashboardEventsController(
    AppDbContext db, CityResolver cities, IOptions<SiteOptions> site, DashboardEvents events)
    : ControllerBase
{
    private int Me => User.UserId();

    /// <summary>The caller's events, newest first; filter `status`.</summary>
    [HttpGet]
    [ReadsQuery(EventFilters = true)]
    [ProducesResponseType<Page<DashboardEventResponse>>(200)]
    public async Task<IActionResult> List(CancellationToken ct)
    {
        var errors = new FieldErrors();
        var filters = EventFilters.Parse(Request.Query, errors, site.Value.Zone);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var scope = await FilterScope.CreateAsync(filters, db, await cities.GetAsync(ct), cache: null, upcomingFrom: null, ct);
        var events = filters.ApplyTo(db.Events.AsNoTracking().Where(e => e.VendorId == Me).Where(Event.StandsForItself), scope);
        var page = await events.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
            .Select(DashboardEventResponse.Projection).ToPageAsync(Request, ct);
        return page is null ? Pagination.InvalidPage() : Ok(page);
    }

    /// <summary>Submits an event for review: multipart with an `image` file, or JSON with `image_url`.</summary>
    /// <remarks>Members: `title` (up to 200 characters), `description` (up to 10,000), `city` (up to 100),
    /// `event_date` (ISO 8601, in the future), `category` (id, slug or name), and `image` (JPEG, PNG, WebP or GIF
    /// file, at most 5 MB) or `image_url` (http or https). `status` and `vendor` are never read: a new event is
    /// `pending` and belongs to the caller. Field errors come back as 400 with `details: {"field": ["message"]}`.</remarks>
    [HttpPost]
    [EnableRateLimiting(RateLimits.Submissions)]
    [Consumes("multipart/form-data", "application/json")]
    [ProducesResponseType<DashboardEventResponse>(201)]
    public async Task<IActionResult> Create(CancellationToken ct)
    {
        var (fields, problem) = await RequestFields.ReadAsync(Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        return (await events.SubmitAsync(Me, fields!, BaseUrl, ct)).ToResult(created => Created($"/api/dashboard/events/{created.Id}/", created));
    }

    [HttpGet("{id:int}")]
    [ProducesResponseType<DashboardEventResponse>(200)]
    public async Task<IActionResult> Get(int id, CancellationToken ct) =>
        await events.FindAsync(Me, id, ct) is { } e ? Ok(e) : NotFoundProblem();

    /// <summary>Replaces the event's details (the image may be kept); an approved or rejected event goes back to review.</summary>
    [HttpPut("{id:int}")]
    [EnableRateLimiting(RateLimits.Submissions)]
    [Consumes("multipart/form-data", "application/json")]
    public Task<IActionResult> Put(int id, CancellationToken ct) => Edit(id, partial: false, ct);

    /// <summary>Changes some of the event's details; an approved or rejected event goes back to review.</summary>
    [HttpPatch("{id:int}")]
    [EnableRateLimiting(RateLimits.Submissions)]
    [Consumes("multipart/form-data", "application/json")]
    public Task<IActionResult> Patch(int id, CancellationToken ct) => Edit(id, partial: true, ct);

    [HttpDelete("{id:int}")]
    [ProducesResponseType(204)]
    public async Task<IActionResult> Delete(int id, CancellationToken ct) =>
        await events.DeleteAsync(Me, id, ct) ? NoContent() : NotFoundProblem();

    private async Task<IActionResult> Edit(int id, bool partial, CancellationToken ct)
    {
        // The event is looked for first: another vendor's id is a 404 whatever the body holds.
        if (!await db.Events.AnyAsync(e => e.Id == id && e.VendorId == Me, ct))
        {
            return NotFoundProblem();
        }
        var (fields, problem) = await RequestFields.ReadAsync(Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        return (await events.EditAsync(Me, id, fields!, partial, BaseUrl, ct)).ToResult(Ok);
    }

    private string BaseUrl => $"{Request.Scheme}://{Request.Host}{Request.PathBase}";

    private static ObjectResult NotFoundProblem() => ProblemConventions.NotFound(DashboardEvents.NoSuchEvent);
}
