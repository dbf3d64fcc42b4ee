using CulturaLite.Api.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Moderation.Console;

public sealed class VendorsModel(AccountAdministration accounts) : PageModel
{
    public const int Shown = 100;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public int Count { get; private set; }
    public List<UserResponse> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var users = accounts.Search(Query);
        Count = await users.CountAsync(ct);
        Rows = await users.Take(Shown).Select(UserResponse.Projection).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostDeactivateAsync(int id, CancellationToken ct)
    {
        var (change, user) = await accounts.DeactivateAsync(id, User.UserId(), ct);
        TempData[change == AccountChange.Done ? "ok" : "error"] = change switch
        {
            AccountChange.Done => $"{user!.Email} deactivated; their sessions have ended.",
            AccountChange.Self => "You cannot deactivate your own account.",
            _ => "That account no longer exists.",
        };
        return Redirect("/admin/vendors" + (string.IsNullOrEmpty(Query) ? "" : "?q=" + Uri.EscapeDataString(Query)));
    }

    public async Task<IActionResult> OnPostTrustAsync(int id, bool trusted, CancellationToken ct)
    {
        var (change, user) = await accounts.TrustAsync(id, trusted, ct);
        TempData[change == AccountChange.Done ? "ok" : "error"] = change == AccountChange.Done
            ? trusted ? $"{user!.Email} is trusted: their events are approved at once." : $"{user!.Email} is no longer trusted."
            : "That account no longer exists.";
        return Redirect("/admin/vendors" + (string.IsNullOrEmpty(Query) ? "" : "?q=" + Uri.EscapeDataString(Query)));
    }

    public async Task<IActionResult> OnPostActivateAsync(int id, CancellationToken ct)
    {
        var (change, user) = await accounts.ActivateAsync(id, ct);
        TempData[change == AccountChange.Done ? "ok" : "error"] = change == AccountChange.Done ? $"{user!.Email} activated." : "That account no longer exists.";
        return Redirect("/admin/vendors" + (string.IsNullOrEmpty(Query) ? "" : "?q=" + Uri.EscapeDataString(Query)));
    }
}
