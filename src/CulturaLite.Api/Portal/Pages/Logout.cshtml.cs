using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace CulturaLite.Api.Portal.Pages;

/// <summary>Signing out: a POST with antiforgery (a link cannot sign anyone out); a GET leads back to the portal.</summary>
public sealed class LogoutModel : PortalPageModel
{
    public IActionResult OnGet() => LocalRedirect("/vendor/");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(PortalAuth.Scheme);
        return LocalRedirect("/vendor/login");
    }
}
