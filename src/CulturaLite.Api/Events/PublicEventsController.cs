using System.Text.Json;
using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Events;

/// <summary>Public discovery: approved events only, no authentication.</summary>
[ApiController]
[AllowAnonymous]
[Route("api/events")]
[Tags("Public discovery")]
[OutputCache(PolicyName = PublicCache.OnePolicy)]
public sealed class PublicEventsController(AppDbContext db, PublicCache cache, PublicListing listing, TimeProvider clock, IOptions<SiteOptions> site,
    IOptions<Microsoft.AspNetCore.Mvc.JsonOptions> json) : ControllerBase
{
    /// <summary>Approved, upcoming events (unless `date_from` says otherwise), paginated.</summary>
    /// <remarks>Filters: `city` (any known name of the city), `category` (slug or name), `search` (all words, each
    /// as a word prefix), `date_from`, `date_to`, `near=LAT,LON` with `radius_km` (default 10, at most 100);
    /// `ordering=event_date` (default), `-event_date` or `distance` (with `near`); `page`, `page_size` (max 100).</remarks>
    [HttpGet]
    [ProducesResponseType<Page<EventResponse>>(200)]
    [OutputCache(PolicyName = PublicCache.Policy)]
    public async Task<IActionResult> List(CancellationToken ct)
    {
        var errors = new FieldErrors();
        var members = FieldSelection.Parse(Request.Query, FieldSelection.MembersOf<EventResponse>(), errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var selected = await listing.SelectAsync(Request.Query, ct);
        if (selected.Value is not { } selection)
        {
            return selected.ToProblem();
        }
        var filters = selection.Filters;
        if (!PageRequest.TryParse(Request.Query, out var pageRequest))
        {
            return Pagination.InvalidPage();
        }
        var page = await PageAsync(selection, pageRequest, ct);
        if (page is null)
        {
            return Pagination.InvalidPage();
        }
        var near = filters.Near;
        var wanted = Languages();
        var results = await SeriesDates.FillAsync(db, [.. page.Results], clock.GetUtcNow().UtcDateTime, ct);
        var items = page.With(results.Select(e => e.In(wanted).Linked(site.Value, Request) with
        {
            DistanceKm = near?.DistanceKm(e.Venue.Latitude!.Value, e.Venue.Longitude!.Value),
        }).ToList());
        return members is null ? Ok(items) : Ok(members.Apply(items, json.Value.JsonSerializerOptions));
    }

    private IReadOnlyList<string> Languages() => LanguageChoice.Preferences(Request, site.Value.EventLanguages);

    /// <summary>One page of the list (<see cref="PublicListing.PageOfAsync"/>) with DRF's links.</summary>
    private async Task<Page<EventResponse>?> PageAsync(PublicListing.Selection selection, PageRequest request, CancellationToken ct) =>
        await listing.PageOfAsync(selection, request, Request.Query["page"] == "last", ct) is { } listed
            ? Pagination.Build(listed.Results, listed.Count, listed.Number, listed.LastPage, Request, PublicCache.LinkKeys)
            : null;

    /// <summary>One approved event.</summary>
    [HttpGet("{id:int}")]
    [ProducesResponseType<EventResponse>(200)]
    [ProducesResponseType(404)]
    [OutputCache(PolicyName = PublicCache.DetailPolicy)]
    public async Task<IActionResult> Get(int id, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var members = FieldSelection.Parse(Request.Query, FieldSelection.MembersOf<EventResponse>(), errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var e = await db.Events.AsNoTracking()
            .Where(e => e.Id == id).Where(Event.IsPublic)
            .Select(EventResponse.Projection)
            .FirstOrDefaultAsync(ct);
        if (e is null)
        {
            return ProblemConventions.NotFound("No approved event matches the given id.");
        }
        e = (await SeriesDates.FillAsync(db, [e], clock.GetUtcNow().UtcDateTime, ct))[0];
        var item = e.In(Languages()).Linked(site.Value, Request);
        return members is null ? Ok(item) : Ok(members.Apply(JsonSerializer.SerializeToNode(item, json.Value.JsonSerializerOptions)!.AsObject()));
    }

    /// <summary>City names that have approved events, for the frontend's filter dropdown.</summary>
    [HttpGet("cities")]
    public async Task<string[]> CityNames(CancellationToken ct) =>
        (await CityCounts.ListAsync(db, cache, clock, ct)).Select(c => c.Name).ToArray();

    /// <summary>Category names, for the frontend's filter dropdown.</summary>
    [HttpGet("categories")]
    public async Task<string[]> CategoryNames(CancellationToken ct) =>
        (await db.Categories.AsNoTracking().Select(c => c.Name).ToListAsync(ct))
            .Where(n => n.Length > 0).Order(StringComparer.OrdinalIgnoreCase).ToArray();
}
