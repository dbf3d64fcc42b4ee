using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Festivals;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Moderation.Console;

/// <summary>Festivals waiting for a decision, oldest first, with Approve and Reject at the version shown (the API's rules).</summary>
public sealed class FestivalsModel(AppDbContext db, DashboardFestivals festivals, ModerationDecisions decisions) : PageModel
{
    public const int PageSize = 50;

    public List<DashboardFestivalResponse> Pending { get; private set; } = [];

    public int Count { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var pending = db.Festivals.AsNoTracking().Where(f => f.Status == EventStatus.Pending);
        Count = await pending.CountAsync(ct);
        Pending = await pending.OrderBy(f => f.CreatedAt).ThenBy(f => f.Id).Take(PageSize).Select(DashboardFestivalResponse.Projection).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostApproveAsync(int id, int version, CancellationToken ct) =>
        Say(await festivals.DecideAsync(id, version, User.UserId(), reason: null, ct), "approved; organizers can add their events to it now");

    public async Task<IActionResult> OnPostRejectAsync(int id, int version, string? reason, int? template, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var text = await decisions.ReasonAsync(errors, reason, template, ct);
        if (text is null || errors.Any)
        {
            TempData["error"] = $"Give a reason for rejecting (at most {Event.ReasonMaxLength} characters); the vendor reads it.";
            return Redirect("/admin/festivals");
        }
        return Say(await festivals.DecideAsync(id, version, User.UserId(), text, ct), "rejected; the vendor has been notified");
    }

    private RedirectResult Say(Outcome<Festival> outcome, string done)
    {
        TempData[outcome.Succeeded ? "ok" : "error"] = outcome.Succeeded ? $"Festival {done}." : outcome.Sentence;
        return Redirect("/admin/festivals");
    }
}
