using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CulturaLite.Api.Moderation.Console;

public sealed class LogoutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/admin/");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(ConsoleAuth.Scheme);
        return Redirect("/admin/login");
    }
}
