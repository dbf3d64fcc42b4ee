using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Moderation.Console;

/// <summary>Events the public reported, most reported first, with Keep and Reject (the same rules as the API).</summary>
public sealed class ReportsModel(AppDbContext db, ReportResolutions resolutions) : PageModel
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
        Say((await resolutions.ResolveAsync(id, keep: true, null, User.UserId(), ct)).Outcome, "kept; it is listed again");

    public async Task<IActionResult> OnPostRejectAsync(int id, string? reason, CancellationToken ct)
    {
        var text = reason?.Replace("\0", "").Trim();
        if (string.IsNullOrEmpty(text) || text.Length > Event.ReasonMaxLength)
        {
            TempData["error"] = $"Give a reason for rejecting (at most {Event.ReasonMaxLength} characters); the vendor reads it.";
            return Redirect("/admin/reports");
        }
        return Say((await resolutions.ResolveAsync(id, keep: false, text, User.UserId(), ct)).Outcome, "rejected; the vendor has been notified");
    }

    private RedirectResult Say(ReportResolution outcome, string done)
    {
        if (outcome == ReportResolution.Done)
        {
            TempData["ok"] = $"Event {done}.";
        }
        else
        {
            TempData["error"] = outcome switch
            {
                ReportResolution.NotFound => "That event no longer exists.",
                ReportResolution.NoOpenReports => "Its reports were already resolved.",
                _ => "The event changed at the same moment. Check it and try again.",
            };
        }
        return Redirect("/admin/reports");
    }
}
