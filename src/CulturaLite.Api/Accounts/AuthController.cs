using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

using UserAccount = CulturaLite.Api.Accounts.User;

namespace CulturaLite.Api.Accounts;

/// <summary>Registration and SimpleJWT-compatible token endpoints.</summary>
[ApiController]
[AllowAnonymous]
[Route("api/auth")]
[Tags("Accounts")]
public sealed class AuthController(
    Registration registration,
    Credentials credentials,
    RefreshTokenFamily refreshTokens,
    TokenIssuer tokens,
    RefreshCookie cookie,
    UserStatusCache statuses,
    TimeProvider clock) : ControllerBase
{
    public const string BadCredentials = "No active account found with the given credentials";
    public const string TokenNotValid = "Token is invalid or expired";

    /// <summary>Creates a vendor account.</summary>
    [HttpPost("register")]
    [EnableRateLimiting(RateLimits.Register)]
    [ProducesResponseType<RegisterResponse>(201)]
    public async Task<IActionResult> Register(RegisterRequest? request, CancellationToken ct) =>
        (await registration.RegisterAsync(request ?? new RegisterRequest(null, null, null, null, null, null), ct))
            .ToResult(user => StatusCode(201, new RegisterResponse("Registration successful. You can now log in.", UserResponse.From(user))));

    /// <summary>Exchanges credentials for an access and a refresh token (also set as the `refresh_token` cookie).</summary>
    [HttpPost("login")]
    [EnableRateLimiting(RateLimits.Login)]
    [ProducesResponseType<LoginResponse>(200)]
    [ProducesResponseType(401)]
    public async Task<IActionResult> Login(LoginRequest? request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var identifier = request?.Email ?? request?.Username;
        var field = request?.Email is null && request?.Username is not null ? "username" : "email";
        var email = errors.Text(field, identifier, UserAccount.EmailMaxLength);
        var password = Registration.RawPassword(errors, "password", request?.Password);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var user = await credentials.CheckAsync(email!, password!, ct);
        if (user is null)
        {
            return ProblemConventions.Status(401, BadCredentials);
        }
        user.RecordLogin(clock.GetUtcNow().UtcDateTime);
        var pair = await refreshTokens.StartAsync(user, ct);
        cookie.Set(Response, Request, pair.Refresh);
        return Ok(new LoginResponse(pair.Access, pair.Refresh, UserResponse.From(user)));
    }

    /// <summary>Rotates a refresh token (from the body or the cookie); a reused one revokes its whole login chain.</summary>
    [HttpPost("refresh")]
    [EnableRateLimiting(RateLimits.Refresh)]
    [ProducesResponseType<TokenPairResponse>(200)]
    public async Task<IActionResult> Refresh(RefreshRequest? request, CancellationToken ct)
    {
        var presented = PresentedRefresh(request, out var missing);
        if (missing is not null)
        {
            return missing;
        }
        var arrivedAt = HttpContext.Features.Get<RequestArrival>()?.At ?? clock.GetUtcNow().UtcDateTime;
        var (outcome, pair) = await refreshTokens.RotateAsync(presented!, arrivedAt, ct);
        if (outcome != RefreshTokenFamily.Outcome.Rotated)
        {
            cookie.Clear(Response, Request);
            return ProblemConventions.Status(401, TokenNotValid);
        }
        cookie.Set(Response, Request, pair!.Refresh);
        return Ok(new TokenPairResponse(pair.Access, pair.Refresh));
    }

    /// <summary>Revokes the refresh token (body or cookie) and clears the cookie.</summary>
    [HttpPost("logout")]
    [EnableRateLimiting(RateLimits.Logout)]
    [ProducesResponseType<MessageResponse>(200)]
    public async Task<IActionResult> Logout(RefreshRequest? request, CancellationToken ct)
    {
        var presented = PresentedRefresh(request, out var missing);
        if (missing is not null)
        {
            return missing;
        }
        cookie.Clear(Response, Request);
        if (!await refreshTokens.RevokeAsync(presented!, ct))
        {
            return ProblemConventions.Status(401, TokenNotValid);
        }
        return Ok(new MessageResponse("Logged out successfully."));
    }

    /// <summary>
    /// SimpleJWT's verify with its blacklist: 200 `{}` for a live token of either type; 401 for an
    /// invalid one, a refresh token that was rotated, logged out or revoked, and any token of a
    /// deactivated user or of a role the user no longer has.
    /// </summary>
    [HttpPost("verify")]
    public async Task<IActionResult> Verify(VerifyRequest? request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var token = errors.Text("token", request?.Token, 4096);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var identity = await tokens.ValidateAsync(token, expectedType: null);
        var userId = identity is null ? 0 : new System.Security.Claims.ClaimsPrincipal(identity).UserId();
        var status = userId == 0 ? null : await statuses.GetAsync(userId, ct);
        var live = status is { IsActive: true } && status.Role == identity!.FindFirst("role")?.Value
                   && (identity.FindFirst("token_type")?.Value != TokenTypes.Refresh || await refreshTokens.IsLiveAsync(token!, ct));
        return live ? Ok(new { }) : ProblemConventions.Status(401, TokenNotValid);
    }

    private string? PresentedRefresh(RefreshRequest? request, out IActionResult? missing)
    {
        missing = null;
        var presented = request?.Refresh;
        if (string.IsNullOrWhiteSpace(presented))
        {
            presented = Request.Cookies[RefreshCookie.Name];
        }
        if (string.IsNullOrWhiteSpace(presented))
        {
            missing = ProblemConventions.Validation("refresh", "This field is required.");
            return null;
        }
        if (presented.Contains('\0') || presented.Length > 4096)
        {
            missing = ProblemConventions.Validation("refresh", "Token is malformed.");
            return null;
        }
        return presented.Trim();
    }
}
