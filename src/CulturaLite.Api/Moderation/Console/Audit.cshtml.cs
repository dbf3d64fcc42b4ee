using CulturaLite.Api.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Moderation.Console;

/// <summary>The newest 200 entries of the admin action log, optionally of one action (read-only).</summary>
public sealed class AuditModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "action")]
    public string? Action { get; set; }

    public List<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Action))
        {
            var action = Action.Trim();
            entries = entries.Where(a => a.Action == action);
        }
        Entries = await entries.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(200).ToListAsync(ct);
    }
}
