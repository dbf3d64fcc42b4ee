using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CulturaLite.Api.Accounts;

public sealed record PasswordResetRequest(string? Email);

public sealed record PasswordResetConfirmRequest(string? Token, string? Password, string? PasswordConfirm);

public sealed record EmailChangeRequest(string? Password, string? NewEmail);

public sealed record PasswordChangeRequest(string? OldPassword, string? Password, string? PasswordConfirm);

/// <summary>A forgotten password reset through an emailed link, and the owner's password change.</summary>
[ApiController]
[Route("api/auth")]
[Tags("Accounts")]
[EnableRateLimiting(RateLimits.AccountLinks)]
public sealed class PasswordController(AccountPasswords passwords, RefreshCookie cookie) : ControllerBase
{
    /// <summary>Emails a reset link when the address has an account; the same 202, in about the same time, when not.</summary>
    [HttpPost("password-reset")]
    [AllowAnonymous]
    [ProducesResponseType<MessageResponse>(202)]
    public async Task<IActionResult> RequestReset(PasswordResetRequest? request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var email = errors.Text("email", request?.Email, Accounts.User.EmailMaxLength);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        await passwords.RequestResetAsync(email!, ct);
        return StatusCode(202, new MessageResponse(AccountPasswords.ResetRequested));
    }

    /// <summary>Sets a new password with a reset link's token; every session of the account ends.</summary>
    [HttpPost("password-reset/confirm")]
    [AllowAnonymous]
    [ProducesResponseType<MessageResponse>(200)]
    public async Task<IActionResult> ConfirmReset(PasswordResetConfirmRequest? request, CancellationToken ct) =>
        (await passwords.ResetAsync(request?.Token, request?.Password, request?.PasswordConfirm, ct))
            .ToResult(_ => Ok(new MessageResponse("Your password was reset. You can now log in with the new one.")));

    /// <summary>Changes the caller's password: every other session ends, this one goes on with the new tokens.</summary>
    [HttpPost("password/change")]
    [Authorize]
    [ProducesResponseType<LoginResponse>(200)]
    public async Task<IActionResult> Change(PasswordChangeRequest? request, CancellationToken ct) =>
        (await passwords.ChangeAsync(User.UserId(), request?.OldPassword, request?.Password, request?.PasswordConfirm, ct)).ToResult(done =>
        {
            var tokens = done.Tokens!;
            cookie.Set(Response, Request, tokens.Refresh);
            return Ok(new LoginResponse(tokens.Access, tokens.Refresh, UserResponse.From(done.User)));
        });

    /// <summary>Moves the caller's account to a new address once a link sent there is opened; a notice goes to the current one.</summary>
    [HttpPost("email/change")]
    [Authorize]
    [ProducesResponseType<MessageResponse>(202)]
    public async Task<IActionResult> ChangeEmail(EmailChangeRequest? request, CancellationToken ct) =>
        (await passwords.RequestEmailChangeAsync(User.UserId(), request?.Password, request?.NewEmail, ct))
            .ToResult(_ => StatusCode(202, new MessageResponse("A link is on its way to the new address; your address changes when it is opened.")));
}
