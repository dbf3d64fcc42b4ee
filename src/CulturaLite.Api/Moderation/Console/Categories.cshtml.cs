using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Moderation.Console;

public sealed class CategoriesModel(AppDbContext db, CategoryCatalog catalog) : PageModel
{
    public sealed record RowView(int Id, string Name, string Slug, int Events);

    public List<RowView> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = (await db.Categories.AsNoTracking()
                .Select(c => new RowView(c.Id, c.Name, c.Slug, db.Events.Count(e => e.CategoryId == c.Id))).ToListAsync(ct))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();

    public async Task<IActionResult> OnPostCreateAsync(string? name, CancellationToken ct) =>
        Report(await catalog.CreateAsync(name, null, ct), "created");

    public async Task<IActionResult> OnPostRenameAsync(int id, string? name, CancellationToken ct) =>
        Report(await catalog.RenameAsync(id, name, null, ct), "renamed");

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct) =>
        Report(await catalog.DeleteAsync(id, ct), "deleted");

    private RedirectResult Report(Outcome<Category> result, string verb)
    {
        TempData[result.Succeeded ? "ok" : "error"] = result.Succeeded ? $"Category “{result.Value!.Name}” {verb}." : result.Sentence;
        return Redirect("/admin/categories");
    }
}
