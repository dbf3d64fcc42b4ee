using CulturaLite.Api.Accounts;
using CulturaLite.Api.Privacy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Portal.Pages;

/// <summary>
/// A new organizer account: the API's registration (<see cref="Registration"/>: every rule and message), with the
/// privacy notice shown and consent to it recorded with the account; then signed in, with the verification email sent.
/// </summary>
[EnableRateLimiting(PortalAuth.RegisterRateLimit)]
public sealed class RegisterModel(Registration registration, IOptions<PrivacyOptions> privacy) : PortalPageModel
{
    [BindProperty(Name = "email")]
    public string? Email { get; set; }

    [BindProperty(Name = "password")]
    public string? Password { get; set; }

    [BindProperty(Name = "password_confirm")]
    public string? PasswordConfirm { get; set; }

    [BindProperty(Name = "first_name")]
    public string? FirstName { get; set; }

    [BindProperty(Name = "last_name")]
    public string? LastName { get; set; }

    [BindProperty(Name = "organization_name")]
    public string? OrganizationName { get; set; }

    /// <summary>The version of the notice the vendor was shown and agreed to (empty when the box was left unticked).</summary>
    [BindProperty(Name = "privacy_notice_version")]
    public string? PrivacyNoticeVersion { get; set; }

    public PrivacyOptions Privacy => privacy.Value;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrEmpty(PrivacyNoticeVersion))
        {
            Errors.Add("privacy_notice_version", "Agree to the privacy notice to create an account.");
        }
        var registered = await registration.RegisterAsync(
            new RegisterRequest(Email, Password, PasswordConfirm, FirstName, LastName, OrganizationName, PrivacyNoticeVersion is { Length: > 0 } v ? v : null), ct);
        if (registered.Value is not { } user || Errors.Any)
        {
            foreach (var (field, messages) in registered.Errors.ToDictionary())
            {
                foreach (var message in messages)
                {
                    Errors.Add(field, message);
                }
            }
            Response.StatusCode = 400;
            return Page();
        }
        await HttpContext.SignInAsync(PortalAuth.Scheme, CookieSession.Principal(user, PortalAuth.Scheme));
        return DoneThen("Your account is ready. We sent a link to {0}: open it to verify your email address.", "/vendor/", user.Email);
    }
}
