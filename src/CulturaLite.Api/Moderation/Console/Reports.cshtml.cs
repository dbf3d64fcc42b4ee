using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Moderation.Console;

/// <summary>Events the public reported, most reported first, with Keep and Reject (the same rules as the API).</summary>
public sealed class ReportsModel(AppDbContext db, ReportResolutions resolutions, ModerationDecisions decisions) : PageModel
{
    public sealed record Group(int Id, string Title, bool Hidden, int Reporters, List<EventReport> Reports);

    public List<Group> Groups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var reports = await db.EventReports.AsNoTracking().Where(r => r.ResolvedAt == null).OrderBy(r => r.Id).Take(1000).ToListAsync(ct);
        var ids = reports.Select(r => r.EventId).Distinct().ToList();
        var events = await db.Events.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.Title, e.HiddenByReports }).ToListAsync(ct);
        Groups = events.Select(e =>
            {
                var mine = reports.Where(r => r.EventId == e.Id).ToList();
                return new Group(e.Id, e.Title, e.HiddenByReports, mine.Select(r => r.Reporter).Distinct().Count(), mine);
            })
            .OrderByDescending(g => g.Reporters).ThenBy(g => g.Id).ToList();
    }

    public async Task<IActionResult> OnPostKeepAsync(int id, CancellationToken ct) =>
        Say(await resolutions.ResolveAsync(id, keep: true, null, User.UserId(), ct), "kept; it is listed again");

    public async Task<IActionResult> OnPostRejectAsync(int id, string? reason, int? template, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var text = await decisions.ReasonAsync(errors, reason, template, ct);
        if (text is null || errors.Any)
        {
            TempData["error"] = $"Give a reason for rejecting (at most {Event.ReasonMaxLength} characters); the vendor reads it.";
            return Redirect("/admin/reports");
        }
        return Say(await resolutions.ResolveAsync(id, keep: false, text, User.UserId(), ct), "rejected; the vendor has been notified");
    }

    private RedirectResult Say(Outcome<int> outcome, string done)
    {
        TempData[outcome.Succeeded ? "ok" : "error"] = outcome.Succeeded ? $"Event {done}." : outcome.Sentence;
        return Redirect("/admin/reports");
    }
}
