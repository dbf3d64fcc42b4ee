using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Moderation;

public sealed record CategoryRequest(string? Name, string? Slug);

/// <summary>Category administration. A category that events use cannot be deleted.</summary>
[ApiController]
[Authorize(Policies.Admin)]
[Route("api/admin/categories")]
[Tags("Moderation")]
public sealed class AdminCategoriesController(AppDbContext db, CategoryCatalog catalog) : ControllerBase
{
    /// <summary>All categories as a plain array, ordered by name.</summary>
    [HttpGet]
    public async Task<List<CategoryResponse>> List(CancellationToken ct) =>
        (await db.Categories.AsNoTracking().Select(CategoryResponse.Projection).ToListAsync(ct))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Creates a category; the slug is derived from the name when not given.</summary>
    [HttpPost]
    [ProducesResponseType<CategoryResponse>(201)]
    public async Task<IActionResult> Create(CategoryRequest? request, CancellationToken ct) =>
        (await catalog.CreateAsync(request?.Name, request?.Slug, ct)).ToResult(c => Created($"/api/admin/categories/{c.Id}/", Body(c)));

    /// <summary>Renames a category (and its slug, derived from the name when not given).</summary>
    [HttpPut("{id:int}")]
    [ProducesResponseType<CategoryResponse>(200)]
    public async Task<IActionResult> Update(int id, CategoryRequest? request, CancellationToken ct) =>
        (await catalog.RenameAsync(id, request?.Name, request?.Slug, ct)).ToResult(c => Ok(Body(c)));

    [HttpDelete("{id:int}")]
    [ProducesResponseType(204)]
    [ProducesResponseType(409)]
    public async Task<IActionResult> Delete(int id, CancellationToken ct) =>
        (await catalog.DeleteAsync(id, ct)).ToResult(_ => NoContent());

    private static CategoryResponse Body(Category c) => new(c.Id, c.Name, c.Slug);
}
