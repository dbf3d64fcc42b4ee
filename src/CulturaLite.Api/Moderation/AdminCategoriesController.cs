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
public sealed class AdminCategoriesController(AppDbContext db, EventChanges changes) : ControllerBase
{
    /// <summary>All categories as a plain array, ordered by name.</summary>
    [HttpGet]
    public async Task<List<CategoryResponse>> List(CancellationToken ct) =>
        (await db.Categories.AsNoTracking().Select(CategoryResponse.Projection).ToListAsync(ct))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Creates a category; the slug is derived from the name when not given.</summary>
    [HttpPost]
    [ProducesResponseType<CategoryResponse>(201)]
    public async Task<IActionResult> Create(CategoryRequest? request, CancellationToken ct)
    {
        var (category, problem) = await ValidateAsync(request, null, ct);
        if (problem is not null)
        {
            return problem;
        }
        db.Categories.Add(category!);
        if (await SaveAsync(ct) is { } conflict)
        {
            return conflict;
        }
        changes.Publish(null);
        return Created($"/api/admin/categories/{category!.Id}/", new CategoryResponse(category.Id, category.Name, category.Slug));
    }

    /// <summary>Renames a category (and its slug, derived from the name when not given).</summary>
    [HttpPut("{id:int}")]
    [ProducesResponseType<CategoryResponse>(200)]
    public async Task<IActionResult> Update(int id, CategoryRequest? request, CancellationToken ct)
    {
        var existing = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (existing is null)
        {
            return ProblemConventions.NotFound("No category matches the given id.");
        }
        var (_, problem) = await ValidateAsync(request, existing, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (await SaveAsync(ct) is { } conflict)
        {
            return conflict;
        }
        changes.Publish(null);
        return Ok(new CategoryResponse(existing.Id, existing.Name, existing.Slug));
    }

    [HttpDelete("{id:int}")]
    [ProducesResponseType(204)]
    [ProducesResponseType(409)]
    public async Task<IActionResult> Delete(int id, CancellationToken ct)
    {
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (category is null)
        {
            return ProblemConventions.NotFound("No category matches the given id.");
        }
        if (await db.Events.AnyAsync(e => e.CategoryId == id, ct))
        {
            return ProblemConventions.Conflict("This category has events and cannot be deleted. Move or delete its events first.");
        }
        db.Categories.Remove(category);
        if (await SaveAsync(ct) is { } conflict)
        {
            return conflict;
        }
        changes.Publish(null);
        return NoContent();
    }

    private async Task<(Category? Category, ObjectResult? Problem)> ValidateAsync(CategoryRequest? request, Category? existing, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var name = errors.Text("name", request?.Name, Category.NameMaxLength);
        var slugText = errors.Text("slug", request?.Slug, Category.NameMaxLength, required: false, allowBlank: true);
        if (errors.Any)
        {
            return (null, errors.ToProblem());
        }
        var slug = Category.Slugify(string.IsNullOrEmpty(slugText) ? name! : slugText);
        if (slug.Length == 0)
        {
            errors.Add(string.IsNullOrEmpty(slugText) ? "name" : "slug", "Enter a name that has letters or numbers, so a slug can be made from it.");
            return (null, errors.ToProblem());
        }
        var others = await db.Categories.AsNoTracking().Where(c => existing == null || c.Id != existing.Id)
            .Select(c => new { c.Name, c.Slug }).ToListAsync(ct);
        if (others.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add("name", "A category with this name already exists.");
        }
        if (others.Any(c => c.Slug == slug))
        {
            errors.Add("slug", "A category with this slug already exists.");
        }
        if (errors.Any)
        {
            return (null, errors.ToProblem());
        }
        if (existing is null)
        {
            return (Category.Create(name!, slug), null);
        }
        existing.Rename(name!, slug);
        return (existing, null);
    }

    private async Task<ObjectResult?> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            return ProblemConventions.Conflict("A category with this name or slug already exists, or it is in use.");
        }
    }
}
