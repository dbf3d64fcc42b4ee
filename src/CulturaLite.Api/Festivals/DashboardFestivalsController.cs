using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CulturaLite.Api.Festivals;

/// <summary>A vendor's own festivals; another vendor's festival is not found.</summary>
[ApiController]
[Authorize(Policies.Vendor)]
[Route("api/dashboard/festivals")]
[Tags("Festivals")]
public sealed class DashboardFestivalsController(AppDbContext db, DashboardFestivals festivals) : ControllerBase
{
    private int Me => User.UserId();

    /// <summary>The caller's festivals of every status, newest first.</summary>
    [HttpGet]
    [ProducesResponseType<Page<DashboardFestivalResponse>>(200)]
    public async Task<IActionResult> List(CancellationToken ct)
    {
        var page = await db.Festivals.Where(f => f.VendorId == Me).OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id)
            .Select(DashboardFestivalResponse.Projection).ToPageAsync(Request, ct);
        return page is null ? Pagination.InvalidPage() : Ok(page);
    }

    /// <summary>Submits a festival for review: `title`, `description`, `city`, `start_date`, `end_date` (at most 60 days later), `image` or `image_url`, `website`?</summary>
    [HttpPost]
    [EnableRateLimiting(RateLimits.Submissions)]
    [Consumes("multipart/form-data", "application/json")]
    [ProducesResponseType<DashboardFestivalResponse>(201)]
    public async Task<IActionResult> Create(CancellationToken ct)
    {
        var (fields, problem) = await RequestFields.ReadAsync(Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        return (await festivals.SubmitAsync(Me, fields!, BaseUrl, ct)).ToResult(created => Created($"/api/dashboard/festivals/{created.Id}/", created));
    }

    [HttpGet("{id:int}")]
    [ProducesResponseType<DashboardFestivalResponse>(200)]
    public async Task<IActionResult> Get(int id, CancellationToken ct) =>
        await festivals.FindAsync(Me, id, admin: false, ct) is { } f ? Ok(f) : ProblemConventions.NotFound(DashboardFestivals.NoSuchFestival);

    [HttpPut("{id:int}")]
    [EnableRateLimiting(RateLimits.Submissions)]
    [Consumes("multipart/form-data", "application/json")]
    public Task<IActionResult> Put(int id, CancellationToken ct) => Edit(id, partial: false, ct);

    [HttpPatch("{id:int}")]
    [EnableRateLimiting(RateLimits.Submissions)]
    [Consumes("multipart/form-data", "application/json")]
    public Task<IActionResult> Patch(int id, CancellationToken ct) => Edit(id, partial: true, ct);

    /// <summary>Deletes the festival; its events stay, detached.</summary>
    [HttpDelete("{id:int}")]
    [ProducesResponseType(204)]
    public async Task<IActionResult> Delete(int id, CancellationToken ct) =>
        await festivals.DeleteAsync(Me, id, ct) ? NoContent() : ProblemConventions.NotFound(DashboardFestivals.NoSuchFestival);

    /// <summary>Takes an event out of the festival (the festival's vendor, or an admin).</summary>
    [HttpDelete("{id:int}/events/{eventId:int}")]
    [ProducesResponseType(204)]
    public async Task<IActionResult> Detach(int id, int eventId, CancellationToken ct) =>
        await festivals.DetachAsync(Me, User.IsInRole(Roles.Admin), id, eventId, ct) ? NoContent() : ProblemConventions.NotFound(DashboardFestivals.NoSuchEvent);

    private async Task<IActionResult> Edit(int id, bool partial, CancellationToken ct)
    {
        if (await festivals.FindAsync(Me, id, admin: false, ct) is null)
        {
            return ProblemConventions.NotFound(DashboardFestivals.NoSuchFestival);
        }
        var (fields, problem) = await RequestFields.ReadAsync(Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        return (await festivals.EditAsync(Me, id, fields!, partial, BaseUrl, ct)).ToResult(Ok);
    }

    private string BaseUrl => $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
}
