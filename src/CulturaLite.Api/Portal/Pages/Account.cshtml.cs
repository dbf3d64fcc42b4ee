using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Privacy;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Portal.Pages;

/// <summary>
/// The account: verifying the email, changing the password or the email, the API sessions (apps signed in with this
/// account), the export of everything held, and erasure; each through the service the API's endpoint uses.
/// </summary>
public sealed class AccountModel(AppDbContext db, EmailVerification verification, AccountPasswords passwords, LoginSessions sessions,
    PersonalDataExport export, AccountErasure erasure, Consents consents, Microsoft.Extensions.Options.IOptions<PrivacyOptions> privacy) : PortalPageModel
{
    /// <summary>The privacy notice in force; a form asks for consent to it while the account has not given it.</summary>
    public PrivacyOptions Privacy => privacy.Value;

    public string? ConsentedVersion { get; private set; }

    public string Email { get; private set; } = "";
    public bool EmailVerified { get; private set; }
    public IReadOnlyList<SessionResponse> Sessions { get; private set; } = [];

    /// <summary>Which form the errors belong to (the page holds several).</summary>
    public string? FailedForm { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostResendAsync(CancellationToken ct)
    {
        var sent = await verification.ResendAsync(Me, ct);
        return sent.Succeeded ? DoneThen(sent.Value!, "/vendor/account") : await FailedOn("verify", sent, ct);
    }

    public async Task<IActionResult> OnPostPasswordAsync(string? old_password, string? password, string? password_confirm, CancellationToken ct)
    {
        var changed = await passwords.ChangeAsync(Me, old_password, password, password_confirm, ct, startSession: false);
        if (changed.Value.User is not { } user)
        {
            return await FailedOn("password", changed, ct);
        }
        // The change ended every other session (its stamp is new); this one continues under the new stamp.
        await HttpContext.SignInAsync(PortalAuth.Scheme, CookieSession.Principal(user, PortalAuth.Scheme));
        return DoneThen("Your password is changed. Every other session is signed out.", "/vendor/account");
    }

    public async Task<IActionResult> OnPostEmailAsync(string? password, string? new_email, CancellationToken ct)
    {
        var asked = await passwords.RequestEmailChangeAsync(Me, password, new_email, ct);
        return asked.Succeeded
            ? DoneThen("A link is on its way to the new address; your address changes when it is opened.", "/vendor/account")
            : await FailedOn("email", asked, ct);
    }

    public async Task<IActionResult> OnPostConsentAsync(string? privacy_notice_version, CancellationToken ct)
    {
        var recorded = await consents.RecordForAsync(Me, privacy_notice_version, ct);
        return recorded.Succeeded ? DoneThen("Your consent to the privacy notice is recorded.", "/vendor/account") : await FailedOn("consent", recorded, ct);
    }

    /// <summary>Every app signed in with the account (the API's sessions) signs out; this portal session continues.</summary>
    public async Task<IActionResult> OnPostEndAllSessionsAsync(CancellationToken ct)
    {
        await sessions.EndOthersAsync(Me, null, ct);
        return DoneThen("Every app is signed out.", "/vendor/account#sessions");
    }

    public async Task<IActionResult> OnPostEndSessionAsync(string? id, CancellationToken ct)
    {
        if (!Guid.TryParseExact(id, "N", out var family) || !await sessions.EndAsync(Me, family, ct))
        {
            return NotFound();
        }
        return DoneThen("The session is signed out.", "/vendor/account#sessions");
    }

    /// <summary>The export as a JSON download, at most once per 10 minutes (the API's rule).</summary>
    public async Task<IActionResult> OnPostExportAsync(CancellationToken ct)
    {
        switch (await export.SendAsync(Response, Me, null, ct))
        {
            case null:
                return NotFound();
            case { } wait when wait > TimeSpan.Zero:
                Problem = Text["One export every 10 minutes. Try again in {0} minutes.", Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))];
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return await LoadAsync(ct) ? Page() : NotFound();
            default:
                return new EmptyResult();
        }
    }

    public async Task<IActionResult> OnPostEraseAsync(string? password, CancellationToken ct)
    {
        var asked = await erasure.RequestByOwnerAsync(Me, password, ct);
        if (!asked.Succeeded)
        {
            return await FailedOn("erase", asked, ct);
        }
        await HttpContext.SignOutAsync(PortalAuth.Scheme);
        return DoneThen("Your account is closed. Its personal data and events will be erased within a day.", "/vendor/login");
    }

    private async Task<IActionResult> FailedOn<T>(string form, Outcome<T> outcome, CancellationToken ct)
    {
        FailedForm = form;
        if (outcome.Failure == Failure.Conflict && outcome.Code == "too_many")
        {
            Response.Headers.RetryAfter = "3600";
        }
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var page = Failed(outcome);
        if (outcome.Code == "too_many")
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
        }
        return page;
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var me = await db.Users.AsNoTracking().Where(u => u.Id == Me).Select(u => new { u.Email, u.EmailVerified, u.PrivacyNoticeAccepted }).FirstOrDefaultAsync(ct);
        if (me is null)
        {
            return false;
        }
        (Email, EmailVerified, ConsentedVersion) = (me.Email, me.EmailVerified, me.PrivacyNoticeAccepted);
        Sessions = await sessions.ListAsync(Me, null, ct);
        return true;
    }
}
