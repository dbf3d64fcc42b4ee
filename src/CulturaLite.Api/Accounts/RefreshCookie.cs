namespace CulturaLite.Api.Accounts;

/// <summary>
/// The `refresh_token` cookie the existing frontend relies on: HttpOnly, SameSite=Lax, scoped to
/// /api/auth/, Secure over HTTPS or when `Auth:SecureCookies` is set, living as long as the token.
/// </summary>
public sealed class RefreshCookie(Microsoft.Extensions.Options.IOptions<JwtOptions> jwtOptions, Microsoft.Extensions.Options.IOptions<AuthOptions> cookies)
{
    public const string Name = "refresh_token";
    public const string Path = "/api/auth/";

    private readonly bool _alwaysSecure = cookies.Value.SecureCookies;
    private readonly JwtOptions jwt = jwtOptions.Value;

    public void Set(HttpResponse response, HttpRequest request, string token) =>
        response.Cookies.Append(Name, token, Options(request, jwt.RefreshLifetime));

    public void Clear(HttpResponse response, HttpRequest request) =>
        response.Cookies.Delete(Name, Options(request, null));

    private CookieOptions Options(HttpRequest request, TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Path = Path,
        Secure = _alwaysSecure || request.IsHttps,
        MaxAge = maxAge,
        IsEssential = true,
    };
}

public static class ClaimsPrincipalExtensions
{
    /// <summary>The authenticated caller's id (from the access token's `user_id`).</summary>
    public static int UserId(this System.Security.Claims.ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirst("user_id")?.Value, out var id) ? id : 0;
}
