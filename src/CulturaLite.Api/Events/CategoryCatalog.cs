using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Events;

public enum CatalogOutcome
{
    Done,
    Invalid,
    NotFound,
    InUse,
}

/// <summary>
/// Creating, renaming and deleting categories, shared by the admin API and the admin console: the
/// slug is derived from the name unless given, names and slugs stay unique, a category in use stays.
/// </summary>
public sealed class CategoryCatalog(AppDbContext db, SearchIndex search, Moderation.AuditLog audit)
{
    public sealed record Result(CatalogOutcome Outcome, Category? Category, FieldErrors Errors);

    public async Task<Result> CreateAsync(string? name, string? slug, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (cleanName, cleanSlug) = await ValidateAsync(name, slug, null, errors, ct);
        if (errors.Any)
        {
            return new Result(CatalogOutcome.Invalid, null, errors);
        }
        var category = Category.Create(cleanName!, cleanSlug);
        db.Categories.Add(category);
        // The log line needs the new id: both saves commit together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await SaveAsync(category, errors, ct);
        if (result.Outcome == CatalogOutcome.Done)
        {
            await audit.RecordAsync("category.create", "category", category.Id, new { category.Name, category.Slug }, ct: ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return result;
    }

    public async Task<Result> RenameAsync(int id, string? name, string? slug, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (category is null)
        {
            return new Result(CatalogOutcome.NotFound, null, errors);
        }
        var (cleanName, cleanSlug) = await ValidateAsync(name, slug, id, errors, ct);
        if (errors.Any)
        {
            return new Result(CatalogOutcome.Invalid, null, errors);
        }
        var renamed = category.Name != cleanName;
        category.Rename(cleanName!, cleanSlug);
        await audit.RecordAsync("category.rename", "category", id, new { category.Name, category.Slug }, ct: ct);
        var result = await SaveAsync(category, errors, ct);
        if (result.Outcome == CatalogOutcome.Done && renamed)
        {
            // Events are found by their category's name: re-index them under the new one.
            await search.RefreshAsync(e => e.CategoryId == id, ct);
        }
        return result;
    }

    public async Task<Result> DeleteAsync(int id, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (category is null)
        {
            return new Result(CatalogOutcome.NotFound, null, errors);
        }
        if (await db.Events.AnyAsync(e => e.CategoryId == id, ct))
        {
            return new Result(CatalogOutcome.InUse, category, errors);
        }
        db.Categories.Remove(category);
        await audit.RecordAsync("category.delete", "category", id, new { category.Name }, ct: ct);
        return await SaveAsync(category, errors, ct);
    }

    private async Task<(string? Name, string? Slug)> ValidateAsync(string? name, string? slug, int? id, FieldErrors errors, CancellationToken ct)
    {
        var cleanName = errors.Text("name", name, Category.NameMaxLength);
        var slugText = errors.Text("slug", slug, Category.NameMaxLength, required: false, allowBlank: true);
        if (errors.Any)
        {
            return (null, null);
        }
        var cleanSlug = Category.Slugify(string.IsNullOrEmpty(slugText) ? cleanName! : slugText);
        if (cleanSlug.Length == 0)
        {
            errors.Add(string.IsNullOrEmpty(slugText) ? "name" : "slug", "Enter a name that has letters or numbers, so a slug can be made from it.");
            return (null, null);
        }
        var others = await db.Categories.AsNoTracking().Where(c => id == null || c.Id != id).Select(c => new { c.Name, c.Slug }).ToListAsync(ct);
        if (others.Any(c => string.Equals(c.Name, cleanName, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add("name", "A category with this name already exists.");
        }
        if (others.Any(c => c.Slug == cleanSlug))
        {
            errors.Add("slug", "A category with this slug already exists.");
        }
        return (cleanName, cleanSlug);
    }

    private async Task<Result> SaveAsync(Category category, FieldErrors errors, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent change took the name or slug, or put the category in use.
            db.ChangeTracker.Clear();
            errors.Add("name", "A category with this name or slug already exists, or it is in use.");
            return new Result(CatalogOutcome.InUse, category, errors);
        }
        return new Result(CatalogOutcome.Done, category, errors);
    }
}
