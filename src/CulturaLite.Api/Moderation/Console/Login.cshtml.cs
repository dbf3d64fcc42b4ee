using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CulturaLite.Api.Moderation.Console;

[EnableRateLimiting(ConsoleAuth.LoginRateLimit)]
public sealed class LoginModel(AppDbContext db, Credentials credentials, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Next { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
        if (User.Identity?.IsAuthenticated == true && !User.IsInRole(Roles.Admin))
        {
            Error = "This account is not an admin account.";
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password) || Email.Contains('\0') || Password.Contains('\0') || Email.Length > 254)
        {
            Error = "Enter your email and password.";
            return Page();
        }
        var user = await credentials.CheckAsync(Email, Password, ct);
        if (user is null)
        {
            Error = "No active account found with the given credentials.";
            return Page();
        }
        if (!user.IsAdmin)
        {
            Error = "This account is not an admin account. Vendors use the CulturaLite dashboard.";
            return Page();
        }
        user.RecordLogin(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await HttpContext.SignInAsync(ConsoleAuth.Scheme, ConsoleAuth.Principal(user));
        return LocalRedirect(Url.IsLocalUrl(Next) && Next!.StartsWith("/admin", StringComparison.Ordinal) ? Next : "/admin/");
    }
}
