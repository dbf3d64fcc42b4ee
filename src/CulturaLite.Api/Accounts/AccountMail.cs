using CulturaLite.Api.Data;
using CulturaLite.Api.Notifications;
using CulturaLite.Api.Web;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Accounts;

/// <summary>The account lifecycle's emails: each with a fresh single-use link, queued in the outbox with the change that sends it.</summary>
public sealed class AccountMail(
    AppDbContext db,
    AccountTokens tokens,
    IOptions<AccountOptions> accounts,
    IOptions<SiteOptions> site,
    IOptions<EmailOptions> email,
    IHttpContextAccessor http,
    TimeProvider clock)
{
    /// <summary>A link that verifies the account's address, added to the pending save.</summary>
    public async Task QueueVerificationAsync(User user, CancellationToken ct)
    {
        var token = await tokens.IssueAsync(user, AccountToken.VerifyEmail, user.Email, TimeSpan.FromHours(accounts.Value.VerifyTokenHours), ct);
        var link = site.Value.AccountLink(http.HttpContext?.Request, "verify-email", token);
        Queue(user.Email, "Confirm your email address for CulturaLite", $"""
            {Greeting(user)}

            Please confirm that this is your email address by opening this link:

            {link}

            The link works once, for {accounts.Value.VerifyTokenHours} hours. If you did not create a CulturaLite account, you can ignore this email.

            - The CulturaLite team
            """);
    }

    /// <summary>A link to choose a new password, added to the pending save (older reset links stop working).</summary>
    public async Task QueueResetAsync(User user, CancellationToken ct)
    {
        var minutes = accounts.Value.ResetTokenMinutes;
        var token = await tokens.IssueAsync(user, AccountToken.ResetPassword, user.Email, TimeSpan.FromMinutes(minutes), ct);
        var link = site.Value.AccountLink(http.HttpContext?.Request, "reset-password", token);
        Queue(user.Email, "Reset your CulturaLite password", $"""
            {Greeting(user)}

            Someone asked to reset the password of your CulturaLite account. To choose a new one, open this link:

            {link}

            The link works once, for {minutes} minutes. If you did not ask for this, ignore this email: your password stays as it is.

            - The CulturaLite team
            """);
    }

    /// <summary>
    /// An email change: a link to the new address (or, when another account has it, a note saying so and no link),
    /// and a notice to the current one. Added to the pending save; the address changes only when the link is used.
    /// </summary>
    public async Task QueueEmailChangeAsync(User user, string newEmail, bool taken, CancellationToken ct)
    {
        if (taken)
        {
            Queue(newEmail, "Someone asked to use this address on CulturaLite", $"""
                Hello,

                Someone asked to move a CulturaLite account to this address, but this address already belongs to an account, so nothing was changed.

                If this was you, log in with this address instead, or reset its password from the login page.

                - The CulturaLite team
                """);
        }
        else
        {
            var token = await tokens.IssueAsync(user, AccountToken.ChangeEmail, newEmail, TimeSpan.FromHours(accounts.Value.VerifyTokenHours), ct);
            var link = site.Value.AccountLink(http.HttpContext?.Request, "verify-email", token);
            Queue(newEmail, "Confirm your new email address for CulturaLite", $"""
                {Greeting(user)}

                To make this the address of your CulturaLite account, open this link:

                {link}

                The link works once, for {accounts.Value.VerifyTokenHours} hours. Until then your account keeps its current address.

                - The CulturaLite team
                """);
        }
        Queue(user.Email, "Your CulturaLite email address is being changed", $"""
            {Greeting(user)}

            Someone signed in to your account asked to change its email address. It changes only when the link sent to the new address is opened.

            If this was not you, change your password at once and write to us.

            - The CulturaLite team
            """);
    }

    /// <summary>A notice that the password changed, so an owner who did not change it knows at once.</summary>
    public void QueuePasswordChanged(User user) =>
        Queue(user.Email, "Your CulturaLite password was changed", $"""
            {Greeting(user)}

            The password of your CulturaLite account was just changed, and every other session was signed out.

            If this was not you, reset your password at once from the login page, and write to us.

            - The CulturaLite team
            """);

    private static string Greeting(User user) => string.IsNullOrWhiteSpace(user.Name) ? "Hello," : $"Hello {user.Name},";

    private void Queue(string to, string subject, string body) =>
        db.OutboxEmails.Add(OutboxEmail.Create(to, subject, body, email.Value.Domain, clock.GetUtcNow().UtcDateTime));
}
