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
    AppDbContext db, CityResolver cities, IOptions<SiteOptions> site, EventSubmission submission, EventImageStore images, Moderation.ModerationDecisions decisions, TimeProvider clock)
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
        var events = filters.ApplyTo(db.Events.AsNoTracking().Where(e => e.VendorId == Me), scope);
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
        var read = await submission.ReadAsync(fields!, existing: null, partial: false, BaseUrl, ct);
        if (read.Value is not { } result)
        {
            return read.ToProblem();
        }
        var e = Event.Submit(Me, result.Details, clock.GetUtcNow().UtcDateTime);
        db.Events.Add(e);
        var revision = EventRevision.Of(e, clock.GetUtcNow().UtcDateTime);
        db.EventRevisions.Add(revision);
        var autoApproved = await decisions.AutoApproveIfTrustedAsync(e, revision, ct);
        await LoadForResponseAsync(e, ct);
        await images.SaveOrDiscardAsync(result.Stored, () => db.SaveChangesAsync(ct));
        // Once saved, the answer is 201 whatever happens next: built from what was saved, not read back
        // (a database lost a moment after the commit must not turn a stored event into a 503 and a retry).
        var created = ToResponse(e);
        if (autoApproved)
        {
            await decisions.RecordAutoApprovalAsync(e, ct);
        }
        return Created($"/api/dashboard/events/{e.Id}/", created);
    }

    [HttpGet("{id:int}")]
    [ProducesResponseType<DashboardEventResponse>(200)]
    public async Task<IActionResult> Get(int id, CancellationToken ct) =>
        await Project(id, ct) is { } e ? Ok(e) : NotFoundProblem();

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
    public async Task<IActionResult> Delete(int id, CancellationToken ct)
    {
        // The vendor wants the event gone, whatever version it has now: when an edit was saved between this
        // read and this write (the version no longer matches), the deletion reads it again instead of a 409.
        for (var attempt = 1; ; attempt++)
        {
            var e = await db.Events.FirstOrDefaultAsync(e => e.Id == id && e.VendorId == Me, ct);
            if (e is null)
            {
                return NotFoundProblem();
            }
            db.Events.Remove(e);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
                continue;
            }
            await images.DeleteAsync(e.ImageKey, e.Images);
            return NoContent();
        }
    }

    private async Task<IActionResult> Edit(int id, bool partial, CancellationToken ct)
    {
        var e = await db.Events.FirstOrDefaultAsync(e => e.Id == id && e.VendorId == Me, ct);
        if (e is null)
        {
            return NotFoundProblem();
        }
        var (fields, problem) = await RequestFields.ReadAsync(Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        // A client that read `version` earlier may send it back: a stale one is refused, not overwritten.
        if (fields!.Get("version") is { IsText: true, Text: { } sent } && sent != e.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return ProblemConventions.Conflict("The event was changed since you loaded it. Reload it and try again.");
        }
        var (previousKey, previousImages) = (e.ImageKey, e.Images);
        var read = await submission.ReadAsync(fields, e, partial, BaseUrl, ct);
        if (read.Value is not { } result)
        {
            return read.ToProblem();
        }
        e.Edit(result.Details, clock.GetUtcNow().UtcDateTime);
        var revision = EventRevision.Of(e, clock.GetUtcNow().UtcDateTime);
        db.EventRevisions.Add(revision);
        var autoApproved = await decisions.AutoApproveIfTrustedAsync(e, revision, ct);
        await LoadForResponseAsync(e, ct);
        if (!await images.SaveOrDiscardAsync(result.Stored, () => db.SaveUnlessEventGoneAsync(id, ct)))
        {
            // Its vendor deleted it while this edit was on its way (the new image is removed).
            return NotFoundProblem();
        }
        var edited = ToResponse(e);
        if (autoApproved)
        {
            await decisions.RecordAutoApprovalAsync(e, ct);
        }
        if (previousKey is not null && previousKey != e.ImageKey)
        {
            await images.DeleteAsync(previousKey, previousImages);
        }
        return Ok(edited);
    }

    private static readonly Func<Event, DashboardEventResponse> ToResponse = DashboardEventResponse.Projection.Compile();

    /// <summary>What the answer shows besides the event's own columns: its category, vendor and notes.</summary>
    private async Task LoadForResponseAsync(Event e, CancellationToken ct)
    {
        await db.Entry(e).Reference(x => x.Category).LoadAsync(ct);
        await db.Entry(e).Reference(x => x.Vendor).LoadAsync(ct);
        if (db.Entry(e).State != EntityState.Added)
        {
            await db.Entry(e).Collection(x => x.Notes).LoadAsync(ct);
        }
    }

    private Task<DashboardEventResponse?> Project(int id, CancellationToken ct) =>
        db.Events.AsNoTracking().Where(e => e.Id == id && e.VendorId == Me)
            .Select(DashboardEventResponse.Projection).FirstOrDefaultAsync(ct);

    private string BaseUrl => $"{Request.Scheme}://{Request.Host}{Request.PathBase}";

    private static ObjectResult NotFoundProblem() => ProblemConventions.NotFound("No event matches the given id.");
}
