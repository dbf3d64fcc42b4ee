using CulturaLite.Api.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CulturaLite.Api.Portal.Pages;

/// <summary>
/// Asking for a reset link: the API's request (<see cref="AccountPasswords.RequestResetAsync"/>), the same answer whether
/// or not the address has an account; the emailed link opens the reset form at /account/reset-password.
/// </summary>
[EnableRateLimiting(PortalAuth.AccountLinksRateLimit)]
public sealed class ForgotPasswordModel(AccountPasswords passwords) : PortalPageModel
{
    [BindProperty(Name = "email")]
    public string? Email { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var errors = new Web.FieldErrors();
        var email = errors.Text("email", Email, Accounts.User.EmailMaxLength);
        if (email is not null && !Registration.IsEmail(email))
        {
            errors.Add("email", "Enter a valid email address.");
        }
        if (errors.Any)
        {
            Errors = errors;
            Response.StatusCode = 400;
            return Page();
        }
        await passwords.RequestResetAsync(email!, ct);
        return DoneThen("If an account uses {0}, a link to choose a new password is on its way. It works for 60 minutes.", "/vendor/login", email!);
    }
}
