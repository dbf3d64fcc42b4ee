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

    /// <summary>The account whose deactivation waits for the admin's confirmation (`?confirm=id`).</summary>
    [BindProperty(SupportsGet = true, Name = "confirm")]
    public int? ConfirmId { get; set; }

    public int Count { get; private set; }
    public List<UserResponse> Rows { get; private set; } = [];

    /// <summary>The account to confirm deactivating, when asked and allowed.</summary>
    public UserResponse? Confirming { get; private set; }

    /// <summary>The signed-in admin: their own row offers no Deactivate (the server refuses it anyway).</summary>
    public int Me => User.UserId();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var users = accounts.Search(Query);
        Count = await users.CountAsync(ct);
        Rows = await users.Take(Shown).Select(UserResponse.Projection).ToListAsync(ct);
        if (ConfirmId is { } id && id != Me)
        {
            Confirming = await accounts.Search(null).Where(u => u.Id == id && u.IsActive).Select(UserResponse.Projection).FirstOrDefaultAsync(ct);
        }
    }

    /// <summary>The link that asks to confirm deactivating an account (deactivation never happens in one click).</summary>
    public string ConfirmLink(int id) => "/admin/vendors" + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = string.IsNullOrEmpty(Query) ? null : Query,
        ["confirm"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(kv => kv.Value is not null));

    public string BackLink => "/admin/vendors" + (string.IsNullOrEmpty(Query) ? "" : "?q=" + Uri.EscapeDataString(Query));

    public async Task<IActionResult> OnPostDeactivateAsync(int id, bool confirmed, CancellationToken ct)
    {
        if (!confirmed)
        {
            return Redirect(ConfirmLink(id));
        }
        var result = await accounts.DeactivateAsync(id, User.UserId(), ct);
        TempData[result.Succeeded ? "ok" : "error"] = result.Succeeded ? $"{result.Value!.Email} deactivated; their sessions have ended." : result.Sentence;
        return Redirect(BackLink);
    }

    public async Task<IActionResult> OnPostTrustAsync(int id, bool trusted, CancellationToken ct)
    {
        var result = await accounts.TrustAsync(id, trusted, ct);
        TempData[result.Succeeded ? "ok" : "error"] = !result.Succeeded ? result.Sentence
            : trusted ? $"{result.Value!.Email} is trusted: their events are approved at once." : $"{result.Value!.Email} is no longer trusted.";
        return Redirect(BackLink);
    }

    public async Task<IActionResult> OnPostActivateAsync(int id, CancellationToken ct)
    {
        var result = await accounts.ActivateAsync(id, ct);
        TempData[result.Succeeded ? "ok" : "error"] = result.Succeeded ? $"{result.Value!.Email} activated." : result.Sentence;
        return Redirect(BackLink);
    }
}
