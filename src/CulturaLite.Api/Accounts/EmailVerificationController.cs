using System.Globalization;
using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Accounts;

public sealed record TokenRequest(string? Token);

/// <summary>Verifying the account's address through the emailed link, and sending the link again.</summary>
[ApiController]
[Route("api/auth/verify-email")]
[Tags("Accounts")]
[EnableRateLimiting(RateLimits.AccountLinks)]
public sealed class EmailVerificationController(
    AppDbContext db,
    EmailVerification verification,
    AccountMail mail,
    AccountTokens tokens,
    IOptions<AccountOptions> accounts,
    Notifications.OutboxSignal outbox) : ControllerBase
{
    /// <summary>Uses a verification link's token: the address is verified.</summary>
    [HttpPost]
    [AllowAnonymous]
    [ProducesResponseType<VerifiedResponse>(200)]
    public async Task<IActionResult> Verify(TokenRequest? request, CancellationToken ct) =>
        (await verification.VerifyAsync(request?.Token, ct))
            .ToResult(user => Ok(new VerifiedResponse("Your email address is verified.", UserResponse.From(user))));

    /// <summary>Sends a new verification link to the caller's address (older links stop working).</summary>
    [HttpPost("resend")]
    [Authorize]
    [ProducesResponseType<MessageResponse>(202)]
    public async Task<IActionResult> Resend(CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == User.UserId(), ct);
        if (user is null)
        {
            return ProblemConventions.Status(401, AuthController.TokenNotValid);
        }
        if (user.EmailVerified)
        {
            return StatusCode(202, new MessageResponse("Your email address is already verified."));
        }
        if (await tokens.IssuedInLastHourAsync(user.Id, AccountToken.VerifyEmail, ct) >= accounts.Value.EmailsPerAddressPerHour)
        {
            Response.Headers.RetryAfter = "3600";
            return ProblemConventions.Status(429, $"At most {accounts.Value.EmailsPerAddressPerHour.ToString(CultureInfo.InvariantCulture)} verification emails an hour. Try again later.");
        }
        await mail.QueueVerificationAsync(user, ct);
        await db.SaveChangesAsync(ct);
        outbox.Wake();
        return StatusCode(202, new MessageResponse("A verification email is on its way."));
    }
}

public sealed record VerifiedResponse(string Message, UserResponse User);

/// <summary>The rule of a verification link, for the API and the backend's own page alike.</summary>
public sealed class EmailVerification(AppDbContext db, AccountTokens tokens)
{
    public const string AddressTaken = "This address is used by another account by now.";

    /// <summary>The account whose address the token verifies; a field error on `token` when it is unusable.</summary>
    public async Task<Outcome<User>> VerifyAsync(string? token, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(token))
        {
            errors.Add("token", "This field is required.");
            return Outcome<User>.Invalid(errors);
        }
        // A link that confirms a new address is checked before it is used: a taken address leaves it unused.
        if (await tokens.PeekAsync(token, AccountToken.ChangeEmail, ct) is { Email: { } wanted } change
            && await db.Users.AnyAsync(u => u.NormalizedEmail == User.NormalizeEmail(wanted) && u.Id != change.UserId, ct))
        {
            errors.Add("token", AddressTaken);
            return Outcome<User>.Invalid(errors);
        }
        var used = await tokens.RedeemAsync(token, AccountToken.VerifyEmail, ct) ?? await tokens.RedeemAsync(token, AccountToken.ChangeEmail, ct);
        var user = used is null ? null : await db.Users.FirstOrDefaultAsync(u => u.Id == used.UserId, ct);
        if (used is null || user is null)
        {
            errors.Add("token", AccountTokens.Unusable);
            return Outcome<User>.Invalid(errors);
        }
        if (used.Purpose == AccountToken.ChangeEmail)
        {
            user.ChangeEmail(used.Email!);
        }
        else if (!user.VerifyEmail(used.Email ?? ""))
        {
            errors.Add("token", AccountTokens.Unusable);
            return Outcome<User>.Invalid(errors);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!Web.ApiExceptionHandler.IsDatabaseUnavailable(e))
        {
            // Another account took the address a moment ago (the unique index kept one).
            errors.Add("token", AddressTaken);
            return Outcome<User>.Invalid(errors);
        }
        return Outcome<User>.Done(user);
    }
}
