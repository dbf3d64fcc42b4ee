using System.Net.Mail;
using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

using UserAccount = CulturaLite.Api.Accounts.User;

namespace CulturaLite.Api.Accounts;

/// <summary>Registration and SimpleJWT-compatible token endpoints.</summary>
[ApiController]
[AllowAnonymous]
[Route("api/auth")]
[Tags("Accounts")]
public sealed class AuthController(
    AppDbContext db,
    Passwords passwords,
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
    public async Task<IActionResult> Register(RegisterRequest? request, CancellationToken ct)
    {
        request ??= new RegisterRequest(null, null, null, null, null, null);
        var errors = new FieldErrors();
        var email = errors.Text("email", request.Email, UserAccount.EmailMaxLength);
        if (email is not null && !IsEmail(email))
        {
            errors.Add("email", "Enter a valid email address.");
            email = null;
        }
        var first = errors.Text("first_name", request.FirstName, UserAccount.NameMaxLength);
        var last = errors.Text("last_name", request.LastName, UserAccount.NameMaxLength);
        var organization = errors.Text("organization_name", request.OrganizationName, UserAccount.OrganizationMaxLength, required: false, allowBlank: true);
        var password = RawPassword(errors, "password", request.Password);
        var confirm = RawPassword(errors, "password_confirm", request.PasswordConfirm);
        if (password is not null)
        {
            foreach (var problem in PasswordRules.Check(password, email, first, last))
            {
                errors.Add("password", problem);
            }
            if (confirm is not null && confirm != password)
            {
                errors.Add("password_confirm", "Passwords do not match.");
            }
        }
        if (email is not null && await db.Users.AnyAsync(u => u.NormalizedEmail == UserAccount.NormalizeEmail(email), ct))
        {
            errors.Add("email", "A user with this email already exists.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var user = UserAccount.RegisterVendor(email!, first!, last!, organization, clock.GetUtcNow().UtcDateTime);
        user.SetPasswordHash(await passwords.QueuedAsync(p => p.Hash(password!), ct));
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two registrations raced for the same email; the unique index kept one.
            return ProblemConventions.Validation("email", "A user with this email already exists.");
        }
        return StatusCode(201, new RegisterResponse("Registration successful. You can now log in.", UserResponse.From(user)));
    }

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
        var password = RawPassword(errors, "password", request?.Password);
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

    /// <summary>Passwords are taken as typed (no trimming), but never empty or with NUL bytes.</summary>
    private static string? RawPassword(FieldErrors errors, string field, string? value)
    {
        if (value is null)
        {
            errors.Add(field, "This field is required.");
            return null;
        }
        if (value.Length == 0)
        {
            errors.Add(field, "This field may not be blank.");
            return null;
        }
        if (value.Contains('\0'))
        {
            errors.Add(field, "Null characters are not allowed.");
            return null;
        }
        if (value.Length > 1024)
        {
            errors.Add(field, "Ensure this field has no more than 1024 characters.");
            return null;
        }
        return value;
    }

    private static bool IsEmail(string value) =>
        value.Count(c => c == '@') == 1 && !value.Any(char.IsWhiteSpace) && value.Split('@')[1].Contains('.')
        && MailAddress.TryCreate(value, out var parsed) && parsed.Address == value;
}
