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
public sealed class EmailVerificationController(EmailVerification verification) : ControllerBase
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
        var sent = await verification.ResendAsync(User.UserId(), ct);
        switch (sent)
        {
            case { Failure: Failure.NotFound }:
                return ProblemConventions.Status(401, AuthController.TokenNotValid);
            case { Failure: Failure.Conflict }:
                Response.Headers.RetryAfter = "3600";
                return ProblemConventions.Status(429, sent.Reason);
            default:
                return StatusCode(202, new MessageResponse(sent.Value!));
        }
    }
}

public sealed record VerifiedResponse(string Message, UserResponse User);

/// <summary>The rule of a verification link, for the API and the backend's own page alike.</summary>
public sealed class EmailVerification(AppDbContext db, AccountTokens tokens, AccountMail mail, IOptions<AccountOptions> accounts, Notifications.OutboxSignal outbox)
{
    public const string AddressTaken = "This address is used by another account by now.";

    /// <summary>
    /// A new verification link to the account's address (older links stop working), at most
    /// `Accounts:EmailsPerAddressPerHour` an hour (a conflict beyond); the sentence says what happened.
    /// </summary>
    public async Task<Outcome<string>> ResendAsync(int userId, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return Outcome<string>.NotFound("User not found");
        }
        if (user.EmailVerified)
        {
            return Outcome<string>.Done("Your email address is already verified.");
        }
        var limit = accounts.Value.EmailsPerAddressPerHour;
        if (await tokens.IssuedInLastHourAsync(user.Id, AccountToken.VerifyEmail, ct) >= limit)
        {
            return Outcome<string>.Conflict("too_many", $"At most {limit.ToString(CultureInfo.InvariantCulture)} verification emails an hour. Try again later.");
        }
        await mail.QueueVerificationAsync(user, ct);
        await db.SaveChangesAsync(ct);
        outbox.Wake();
        return Outcome<string>.Done("A verification email is on its way.");
    }

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
