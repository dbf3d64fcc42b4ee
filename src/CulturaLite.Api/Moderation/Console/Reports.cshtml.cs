using CulturaLite.Api.Accounts;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CulturaLite.Api.Moderation.Console;

/// <summary>Events the public reported, hidden ones first, with Keep and Reject (the same queue and rules as the API).</summary>
public sealed class ReportsModel(ReportQueue queue, ReportResolutions resolutions, ModerationDecisions decisions) : PageModel
{
    public Page<ReportQueue.Group> Groups { get; private set; } = new() { Count = 0, Next = null, Previous = null, Results = [] };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await queue.PageAsync(Request, ct) is not { } page)
        {
            return Redirect("/admin/reports");
        }
        Groups = page;
        return Page();
    }

    /// <summary>A page link that stays on the console (the API's absolute link, made relative).</summary>
    public static string? Local(string? link) => link is null ? null : "/admin/reports" + new Uri(link).Query;

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
