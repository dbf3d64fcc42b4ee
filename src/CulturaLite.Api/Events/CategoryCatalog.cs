using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Events;

/// <summary>
/// Creating, renaming and deleting categories, shared by the admin API and the admin console: the
/// slug is derived from the name unless given, names and slugs stay unique, a category in use stays.
/// </summary>
public sealed class CategoryCatalog(AppDbContext db, SearchIndex search, Moderation.AuditLog audit)
{
    public const string NoSuchCategory = "No category matches the given id.";
    public const string Taken = "A category with this name or slug already exists.";
    public const string InUse = "This category has events and cannot be deleted. Move or delete its events first.";

    public async Task<Outcome<Category>> CreateAsync(string? name, string? slug, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (cleanName, cleanSlug) = await ValidateAsync(name, slug, null, errors, ct);
        if (errors.Any)
        {
            return Outcome<Category>.Invalid(errors);
        }
        var category = Category.Create(cleanName!, cleanSlug);
        db.Categories.Add(category);
        // The log line needs the new id: both saves commit together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await SaveAsync(category, "taken", Taken, ct);
        if (result.Succeeded)
        {
            await audit.RecordAsync("category.create", "category", category.Id, new { category.Name, category.Slug }, ct: ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return result;
    }

    public async Task<Outcome<Category>> RenameAsync(int id, string? name, string? slug, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (category is null)
        {
            return Outcome<Category>.NotFound(NoSuchCategory);
        }
        var (cleanName, cleanSlug) = await ValidateAsync(name, slug, id, errors, ct);
        if (errors.Any)
        {
            return Outcome<Category>.Invalid(errors);
        }
        var renamed = category.Name != cleanName;
        category.Rename(cleanName!, cleanSlug);
        await audit.RecordAsync("category.rename", "category", id, new { category.Name, category.Slug }, ct: ct);
        var result = await SaveAsync(category, "taken", Taken, ct);
        if (result.Succeeded && renamed)
        {
            // Events are found by their category's name: re-index them under the new one.
            await search.RefreshAsync(e => e.CategoryId == id, ct);
        }
        return result;
    }

    public async Task<Outcome<Category>> DeleteAsync(int id, CancellationToken ct)
    {
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (category is null)
        {
            return Outcome<Category>.NotFound(NoSuchCategory);
        }
        if (await db.Events.AnyAsync(e => e.CategoryId == id, ct))
        {
            return Outcome<Category>.Conflict("in_use", InUse, category);
        }
        db.Categories.Remove(category);
        await audit.RecordAsync("category.delete", "category", id, new { category.Name }, ct: ct);
        return await SaveAsync(category, "in_use", InUse, ct);
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

    /// <summary>Saves; a concurrent change that took the name or slug, or put the category in use, is that conflict.</summary>
    private async Task<Outcome<Category>> SaveAsync(Category category, string conflict, string reason, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!ApiExceptionHandler.IsDatabaseUnavailable(e))
        {
            db.ChangeTracker.Clear();
            return Outcome<Category>.Conflict(conflict, reason, category);
        }
        return Outcome<Category>.Done(category);
    }
}
