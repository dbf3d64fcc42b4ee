using CulturaLite.Api.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CulturaLite.Api.Moderation.Console;

/// <summary>Signing out ends every console session of the admin, not only this browser's cookie.</summary>
public sealed class LogoutModel(AccountAdministration accounts) : PageModel
{
    public IActionResult OnGet() => Redirect("/admin/");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.UserId() is > 0 and var id)
        {
            await accounts.EndConsoleSessionsAsync(id, ct);
        }
        await HttpContext.SignOutAsync(ConsoleAuth.Scheme);
        return Redirect("/admin/login");
    }
}
