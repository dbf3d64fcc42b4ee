using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Moderation;

public sealed record CityRequest(string? Name, List<string?>? Aliases);

public sealed record CityAdminResponse(int Id, string Name, IReadOnlyList<string> Aliases)
{
    public static CityAdminResponse From(KnownCity c) => new(c.Id, c.Name, c.Aliases.Select(a => a.Name).Order(StringComparer.Ordinal).ToList());
}

/// <summary>Known cities and their other names: a submission or filter with any name lands on the canonical one.</summary>
[ApiController]
[Authorize(Policies.Admin)]
[Route("api/admin/cities")]
[Tags("Moderation")]
public sealed class AdminCitiesController(AppDbContext db, KnownCityCatalog catalog) : ControllerBase
{
    /// <summary>Every known city with its other names, as a plain array ordered by name.</summary>
    [HttpGet]
    public async Task<List<CityAdminResponse>> List(CancellationToken ct) =>
        (await db.Cities.AsNoTracking().Include(c => c.Aliases).ToListAsync(ct))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Select(CityAdminResponse.From).ToList();

    [HttpGet("{id:int}")]
    [ProducesResponseType<CityAdminResponse>(200)]
    public async Task<IActionResult> Get(int id, CancellationToken ct) =>
        await db.Cities.AsNoTracking().Include(c => c.Aliases).FirstOrDefaultAsync(c => c.Id == id, ct) is { } city
            ? Ok(CityAdminResponse.From(city))
            : ProblemConventions.NotFound(KnownCityCatalog.NoSuchCity);

    /// <summary>Adds a city `{"name", "aliases": [...]}`; events typed under any of its names move under the name.</summary>
    [HttpPost]
    [ProducesResponseType<CityAdminResponse>(201)]
    public async Task<IActionResult> Create(CityRequest? request, CancellationToken ct) =>
        (await catalog.CreateAsync(request?.Name, request?.Aliases, ct)).ToResult(c => Created($"/api/admin/cities/{c.Id}/", CityAdminResponse.From(c)));

    /// <summary>Replaces the city's name and its other names.</summary>
    [HttpPut("{id:int}")]
    [ProducesResponseType<CityAdminResponse>(200)]
    public async Task<IActionResult> Update(int id, CityRequest? request, CancellationToken ct) =>
        (await catalog.UpdateAsync(id, request?.Name, request?.Aliases, ct)).ToResult(c => Ok(CityAdminResponse.From(c)));

    /// <summary>Forgets the city and its other names; its events keep the name they are listed under.</summary>
    [HttpDelete("{id:int}")]
    [ProducesResponseType(204)]
    public async Task<IActionResult> Delete(int id, CancellationToken ct) =>
        (await catalog.DeleteAsync(id, ct)).ToResult(_ => NoContent());
}
