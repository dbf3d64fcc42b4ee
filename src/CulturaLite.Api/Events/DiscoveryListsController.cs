using CulturaLite.Api.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Events;

/// <summary>The public lists beside the events: categories and cities with their counts (not paginated).</summary>
[ApiController]
[AllowAnonymous]
[Tags("Public discovery")]
[OutputCache(PolicyName = PublicCache.OnePolicy)]
public sealed class DiscoveryListsController(AppDbContext db, PublicCache cache, TimeProvider clock) : ControllerBase
{
    /// <summary>All categories, ordered by name (not paginated).</summary>
    [HttpGet("api/categories")]
    public async Task<List<CategoryResponse>> Categories(CancellationToken ct) =>
        (await db.Categories.AsNoTracking().Select(CategoryResponse.Projection).ToListAsync(ct))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Cities that have approved events, with their counts, ordered by name (not paginated).</summary>
    [HttpGet("api/cities")]
    public Task<List<CityResponse>> Cities(CancellationToken ct) => CityCounts.ListAsync(db, cache, clock, ct);
}
