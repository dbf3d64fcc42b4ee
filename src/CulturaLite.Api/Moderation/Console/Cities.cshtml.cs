using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Moderation.Console;

public sealed class CitiesModel(AppDbContext db, KnownCityCatalog catalog) : PageModel
{
    public sealed record RowView(int Id, string Name, string Aliases);

    public List<RowView> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = (await db.Cities.AsNoTracking().Include(c => c.Aliases).ToListAsync(ct))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .Select(c => new RowView(c.Id, c.Name, string.Join(", ", c.Aliases.Select(a => a.Name).Order(StringComparer.Ordinal))))
            .ToList();

    public async Task<IActionResult> OnPostCreateAsync(string? name, string? aliases, CancellationToken ct) =>
        Report(await catalog.CreateAsync(name, Split(aliases), ct), "added");

    public async Task<IActionResult> OnPostUpdateAsync(int id, string? name, string? aliases, CancellationToken ct) =>
        Report(await catalog.UpdateAsync(id, name, Split(aliases), ct), "saved");

    /// <summary>The form takes the other names comma-separated, as the table shows them.</summary>
    private static List<string?> Split(string? aliases) =>
        (aliases ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList<string?>();

    private RedirectResult Report(Outcome<KnownCity> result, string verb)
    {
        TempData[result.Succeeded ? "ok" : "error"] = result.Succeeded ? $"City “{result.Value!.Name}” {verb}." : result.Sentence;
        return Redirect("/admin/cities");
    }
}
