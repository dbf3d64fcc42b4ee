using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CulturaLite.Api.Accounts;

/// <summary>What the account pages show: a heading, a sentence, and for the reset form its token and errors.</summary>
public sealed record AccountPageModel(string Title, string Message, bool Succeeded, string? Token = null, IDictionary<string, string[]>? Errors = null);

/// <summary>
/// The backend's own pages for the links in account emails (`/account/...`): server-rendered, with the console's
/// CSP and stylesheet, antiforgery on the form, nothing that needs JavaScript. They call the same services as the API.
/// </summary>
[AllowAnonymous]
[ApiExplorerSettings(IgnoreApi = true)]
[EnableRateLimiting(RateLimits.AccountLinks)]
public sealed class AccountPagesController(EmailVerification verification, AccountPasswords passwords, AccountTokens tokens, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) : Controller
{
    private const string VerifyView = "~/Accounts/Pages/Message.cshtml";
    private const string ResetView = "~/Accounts/Pages/ResetPassword.cshtml";

    [HttpGet("/account/verify-email")]
    public async Task<IActionResult> VerifyEmail(string? token, CancellationToken ct)
    {
        var outcome = await verification.VerifyAsync(token, ct);
        return outcome.Succeeded
            ? Page(VerifyView, new AccountPageModel("Email address verified", "Thank you: your email address is verified. You can close this page.", true))
            : Unusable("Log in and ask for a new verification email.");
    }

    [HttpGet("/account/reset-password")]
    public async Task<IActionResult> ResetPassword(string? token, CancellationToken ct) =>
        await tokens.PeekAsync(token, AccountToken.ResetPassword, ct) is null
            ? Unusable("Ask for a new one from the login page.")
            : Page(ResetView, new AccountPageModel("Choose a new password", "", false, token));

    [HttpPost("/account/reset-password")]
    [IgnoreAntiforgeryToken]
    public async Task<IActionResult> ResetPasswordPost(CancellationToken ct)
    {
        var expired = new AccountPageModel("This form has expired", "Open the link from your email again and send the form from that page.", false);
        IFormCollection form;
        try
        {
            form = Request.HasFormContentType ? await Request.ReadFormAsync(ct) : FormCollection.Empty;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Page(VerifyView, expired, 400);
        }
        // Checked here rather than by the filter, so a stale or forged form gets a page that says what to do.
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return Page(VerifyView, expired, 400);
        }
        string? token = form["token"], password = form["password"], confirm = form["password_confirm"];
        var outcome = await passwords.ResetAsync(token, password, confirm, ct);
        if (outcome.Succeeded)
        {
            return Page(VerifyView, new AccountPageModel("Password changed", "Your password was reset, and every session was signed out. You can now log in with the new one.", true));
        }
        return outcome.Errors.Has("token")
            ? Unusable("Ask for a new one from the login page.")
            : Page(ResetView, new AccountPageModel("Choose a new password", "", false, token, outcome.Errors.ToDictionary()), 400);
    }

    /// <summary>The page for a link that cannot be used, with what to do instead.</summary>
    private ViewResult Unusable(string next) =>
        Page(VerifyView, new AccountPageModel("This link does not work", $"{AccountTokens.Unusable} {next}", false), 400);

    private ViewResult Page(string view, AccountPageModel model, int status = 200)
    {
        var result = View(view, model);
        result.StatusCode = status;
        return result;
    }
}
