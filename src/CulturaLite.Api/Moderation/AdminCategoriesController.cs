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
        Respond(await catalog.CreateAsync(request?.Name, request?.Slug, ct), created: true);

    /// <summary>Renames a category (and its slug, derived from the name when not given).</summary>
    [HttpPut("{id:int}")]
    [ProducesResponseType<CategoryResponse>(200)]
    public async Task<IActionResult> Update(int id, CategoryRequest? request, CancellationToken ct) =>
        Respond(await catalog.RenameAsync(id, request?.Name, request?.Slug, ct), created: false);

    [HttpDelete("{id:int}")]
    [ProducesResponseType(204)]
    [ProducesResponseType(409)]
    public async Task<IActionResult> Delete(int id, CancellationToken ct)
    {
        var result = await catalog.DeleteAsync(id, ct);
        return result.Outcome == CatalogOutcome.Done ? NoContent() : Respond(result, created: false);
    }

    private IActionResult Respond(CategoryCatalog.Result result, bool created)
    {
        switch (result.Outcome)
        {
            case CatalogOutcome.Invalid:
                return result.Errors.ToProblem();
            case CatalogOutcome.NotFound:
                return ProblemConventions.NotFound("No category matches the given id.");
            case CatalogOutcome.InUse:
                return ProblemConventions.Conflict(result.Errors.Any
                    ? "A category with this name or slug already exists, or it is in use."
                    : "This category has events and cannot be deleted. Move or delete its events first.");
        }
        var c = result.Category!;
        var body = new CategoryResponse(c.Id, c.Name, c.Slug);
        return created ? Created($"/api/admin/categories/{c.Id}/", body) : Ok(body);
    }
}
