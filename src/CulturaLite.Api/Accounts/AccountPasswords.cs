using System.Diagnostics;
using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Accounts;

/// <summary>
/// Choosing a new password: through an emailed reset link, or by the logged-in owner who knows the old one. One
/// implementation of each rule, for the API and the backend's reset page alike.
/// </summary>
public sealed class AccountPasswords(
    AppDbContext db,
    UserStatusCache statuses,
    AccountTokens tokens,
    AccountMail mail,
    Passwords passwords,
    RefreshTokenFamily refreshTokens,
    IOptions<AccountOptions> accounts,
    Notifications.OutboxSignal outbox)
{
    public const string ResetRequested = "If an account has this address, an email with a link to reset its password is on its way.";
    public const string WrongOldPassword = "Your old password was entered incorrectly. Please enter it again.";

    /// <summary>
    /// Emails a reset link when <paramref name="email"/> is an active account's and the address had fewer than the
    /// hourly cap; otherwise nothing. Either way it takes at least a refused login's floor
    /// (<see cref="Passwords.RefusalFloor"/>): neither the answer nor its timing tells which addresses are registered.
    /// </summary>
    public async Task RequestResetAsync(string email, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var normalized = User.NormalizeEmail(email);
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized && u.IsActive, ct);
        if (user is not null && await tokens.IssuedInLastHourAsync(user.Id, AccountToken.ResetPassword, ct) < accounts.Value.EmailsPerAddressPerHour)
        {
            await mail.QueueResetAsync(user, ct);
            await db.SaveChangesAsync(ct);
            outbox.Wake();
        }
        await passwords.WaitOutRefusalFloorAsync(started, ct);
    }

    /// <summary>
    /// A new password through a reset link: the link is used up only when the password is acceptable; then every
    /// session of the account ends (refresh tokens and console sessions) and other reset links stop working.
    /// </summary>
    public async Task<Outcome<User>> ResetAsync(string? token, string? password, string? confirm, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var found = await tokens.PeekAsync(token, AccountToken.ResetPassword, ct);
        var user = found is null ? null : await db.Users.FirstOrDefaultAsync(u => u.Id == found.UserId && u.IsActive, ct);
        if (user is null)
        {
            errors.Add("token", string.IsNullOrWhiteSpace(token) ? "This field is required." : AccountTokens.Unusable);
        }
        var chosen = Choose(errors, user, password, confirm);
        if (errors.Any)
        {
            return Outcome<User>.Invalid(errors);
        }
        if (await tokens.RedeemAsync(token, AccountToken.ResetPassword, ct) is null)
        {
            // Another request used the link a moment ago.
            errors.Add("token", AccountTokens.Unusable);
            return Outcome<User>.Invalid(errors);
        }
        await SetAsync(user!, chosen!, ct);
        return Outcome<User>.Done(user!);
    }

    /// <summary>
    /// The logged-in owner's change: the old password must match. Every session ends, and a new one starts for
    /// the caller (the pair returned), so this client goes on and every other is signed out.
    /// </summary>
    /// <param name="userId">The account.</param>
    /// <param name="oldPassword">The password it has now.</param>
    /// <param name="password">The new one.</param>
    /// <param name="confirm">The new one again.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="startSession">The API's caller continues with a new pair of tokens; the portal keeps its cookie session (no tokens).</param>
    public async Task<Outcome<(User User, RefreshTokenFamily.TokenPair? Tokens)>> ChangeAsync(int userId, string? oldPassword, string? password, string? confirm, CancellationToken ct,
        bool startSession = true)
    {
        var errors = new FieldErrors();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.IsActive, ct);
        var old = Registration.RawPassword(errors, "old_password", oldPassword);
        var chosen = Choose(errors, user, password, confirm);
        if (user is null)
        {
            return Outcome<(User, RefreshTokenFamily.TokenPair?)>.NotFound("No active account matches this session.");
        }
        if (old is not null && !await passwords.MatchesAsync(user.Password, old, ct))
        {
            errors.Add("old_password", WrongOldPassword);
        }
        if (errors.Any)
        {
            return Outcome<(User, RefreshTokenFamily.TokenPair?)>.Invalid(errors);
        }
        await SetAsync(user, chosen!, ct);
        var pair = startSession ? await refreshTokens.StartAsync(user, ct) : null;
        return Outcome<(User, RefreshTokenFamily.TokenPair?)>.Done((user, pair));
    }

    /// <summary>
    /// The logged-in owner asks to move the account to <paramref name="newEmail"/> (their password confirms it): a link
    /// goes to the new address and a notice to the old one; a taken address gets a note instead of a link, with the same answer.
    /// </summary>
    public async Task<Outcome<bool>> RequestEmailChangeAsync(int userId, string? password, string? newEmail, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.IsActive, ct);
        var typed = Registration.RawPassword(errors, "password", password);
        var address = errors.Text("new_email", newEmail, User.EmailMaxLength);
        if (address is not null && !Registration.IsEmail(address))
        {
            errors.Add("new_email", "Enter a valid email address.");
        }
        if (user is null)
        {
            return Outcome<bool>.NotFound("No active account matches this session.");
        }
        if (address is not null && User.NormalizeEmail(address) == user.NormalizedEmail)
        {
            errors.Add("new_email", "This is already your address.");
        }
        if (typed is not null && !await passwords.MatchesAsync(user.Password, typed, ct))
        {
            errors.Add("password", "The password is not correct.");
        }
        if (errors.Any)
        {
            return Outcome<bool>.Invalid(errors);
        }
        if (await tokens.IssuedInLastHourAsync(user.Id, AccountToken.ChangeEmail, ct) >= accounts.Value.EmailsPerAddressPerHour)
        {
            return Outcome<bool>.Done(false);
        }
        var taken = await db.Users.AnyAsync(u => u.NormalizedEmail == User.NormalizeEmail(address!), ct);
        await mail.QueueEmailChangeAsync(user, address!.Trim(), taken, ct);
        await db.SaveChangesAsync(ct);
        outbox.Wake();
        return Outcome<bool>.Done(true);
    }

    /// <summary>The new password when it passes every rule of registration (for this account's email and names).</summary>
    private static string? Choose(FieldErrors errors, User? user, string? password, string? confirm)
    {
        var chosen = Registration.RawPassword(errors, "password", password);
        var confirmed = Registration.RawPassword(errors, "password_confirm", confirm);
        if (chosen is null)
        {
            return null;
        }
        foreach (var problem in PasswordRules.Check(chosen, user?.Email, user?.FirstName, user?.LastName))
        {
            errors.Add("password", problem);
        }
        if (confirmed is not null && confirmed != chosen)
        {
            errors.Add("password_confirm", "Passwords do not match.");
        }
        return chosen;
    }

    private async Task SetAsync(User user, string password, CancellationToken ct)
    {
        user.ChangePassword(await passwords.QueuedAsync(p => p.Hash(password), ct));
        mail.QueuePasswordChanged(user);
        await db.SaveChangesAsync(ct);
        // The new stamp ends every page session at once, on every instance (not when the cached state expires).
        statuses.Forget(user.Id);
        await refreshTokens.RevokeAllForUserAsync(user.Id, ct);
        await tokens.VoidAsync(user.Id, AccountToken.ResetPassword, ct);
        outbox.Wake();
    }
}
