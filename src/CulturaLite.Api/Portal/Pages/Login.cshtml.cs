using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CulturaLite.Api.Portal.Pages;

/// <summary>Signing in to the portal: the API's password check (<see cref="Credentials"/>) and its message, the login's rate limit.</summary>
[EnableRateLimiting(PortalAuth.LoginRateLimit)]
public sealed class LoginModel(AppDbContext db, Credentials credentials, TimeProvider clock) : PortalPageModel
{
    [BindProperty(Name = "email")]
    public string? Email { get; set; }

    [BindProperty(Name = "password")]
    public string? Password { get; set; }

    [BindProperty(Name = "next", SupportsGet = true)]
    public string? Next { get; set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(Target) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var errors = new Web.FieldErrors();
        var email = errors.Text("email", Email, Accounts.User.EmailMaxLength);
        var password = Registration.RawPassword(errors, "password", Password);
        if (errors.Any)
        {
            Errors = errors;
            Response.StatusCode = 400;
            return Page();
        }
        var user = await credentials.CheckAsync(email!, password!, ct);
        if (user is null)
        {
            // The API's message, the same for an unknown address, a wrong password and an inactive account.
            Problem = Site.Messages.Translate(Text, AuthController.BadCredentials);
            Response.StatusCode = 401;
            return Page();
        }
        user.RecordLogin(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await HttpContext.SignInAsync(PortalAuth.Scheme, CookieSession.Principal(user, PortalAuth.Scheme));
        return LocalRedirect(Target);
    }

    private string Target => Url.IsLocalUrl(Next) && Next!.StartsWith("/vendor/", StringComparison.Ordinal) ? Next : "/vendor/";
}
