using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Festivals;

/// <summary>Public festivals: upcoming and ongoing approved ones, no authentication.</summary>
[ApiController]
[AllowAnonymous]
[Route("api/festivals")]
[Tags("Festivals")]
public sealed class PublicFestivalsController(AppDbContext db, CityResolver cities, TimeProvider clock, IOptions<SiteOptions> site) : ControllerBase
{
    public const string NotFoundText = "No approved festival matches the given id.";

    /// <summary>Festivals not yet over, soonest first; filter `city` (any known name of the city).</summary>
    [HttpGet]
    [ReadsQuery("city")]
    [OutputCache(PolicyName = PublicCache.FestivalsPolicy)]
    [ProducesResponseType<Page<FestivalResponse>>(200)]
    public async Task<IActionResult> List(CancellationToken ct)
    {
        var errors = new FieldErrors();
        var city = QueryText.Read(Request.Query, "city", errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Festivals.AsNoTracking().Where(Festival.IsPublic).Where(f => f.EndDate >= now);
        if (city is not null)
        {
            var key = (await cities.GetAsync(ct)).KeyOf(CityNames.Tidy(city));
            query = query.Where(f => f.CityKey == key);
        }
        var page = await query.OrderBy(f => f.StartDate).ThenBy(f => f.Id).Select(FestivalResponse.Projection).ToPageAsync(Request, ct);
        return page is null ? Pagination.InvalidPage() : Ok(page.Map(f => f.Linked(site.Value, Request)));
    }

    /// <summary>One approved festival with `event_count`, `date_range` and `organizer`.</summary>
    [HttpGet("{id:int}")]
    [OutputCache(PolicyName = PublicCache.OnePolicy)]
    [ProducesResponseType<FestivalResponse>(200)]
    public async Task<IActionResult> Get(int id, CancellationToken ct) =>
        await db.Festivals.AsNoTracking().Where(f => f.Id == id).Where(Festival.IsPublic).Select(FestivalResponse.Projection).FirstOrDefaultAsync(ct) is { } f
            ? Ok(f.Linked(site.Value, Request))
            : ProblemConventions.NotFound(NotFoundText);
}
