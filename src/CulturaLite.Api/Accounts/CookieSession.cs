using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CulturaLite.Api.Accounts;

/// <summary>
/// A signed-in page session (the admin console's, the vendor portal's): an HttpOnly cookie, separate from the API's
/// bearer tokens, holding the account's security stamp and re-checked against the account on every request, so that
/// deactivation, a role change or a password change ends it at once (a copied cookie stops working).
/// </summary>
public static class CookieSession
{
    private const string StampClaim = "security_stamp";

    /// <summary>
    /// A cookie scheme for the pages under <paramref name="area"/> (`/admin`, `/vendor`): its login page at `{area}/login`,
    /// its cookie scoped to the area, re-checked on every request, Secure per `Auth:SecureCookies` (as the API's
    /// refresh cookie), and an authorization policy of the same roles.
    /// </summary>
    public static void Add(IServiceCollection services, string scheme, string policy, string area, string cookie, SameSiteMode sameSite,
        TimeSpan lifetime, params string[] roles)
    {
        services.AddAuthentication().AddCookie(scheme, o =>
        {
            o.LoginPath = $"{area}/login";
            o.LogoutPath = $"{area}/logout";
            o.AccessDeniedPath = $"{area}/login";
            o.ReturnUrlParameter = "next";
            o.Cookie.Name = cookie;
            o.Cookie.Path = area;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = sameSite;
            o.ExpireTimeSpan = lifetime;
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = Validate(scheme, roles);
        });
        services.AddOptions<CookieAuthenticationOptions>(scheme).Configure<Microsoft.Extensions.Options.IOptions<AuthOptions>>((o, cookies) =>
            o.Cookie.SecurePolicy = cookies.Value.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        services.AddAuthorization(o => o.AddPolicy(policy, p => p.AddAuthenticationSchemes(scheme).RequireAuthenticatedUser().RequireRole(roles)));
    }

    public static ClaimsPrincipal Principal(User user, string scheme) => new(new ClaimsIdentity(
        [
            new Claim("user_id", user.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim("role", user.Role),
            new Claim("name", string.IsNullOrWhiteSpace(user.Name) ? user.Email : user.Name),
            new Claim(StampClaim, user.SecurityStamp),
        ],
        scheme, "name", "role"));

    /// <summary>Rejects (and signs out) a session whose account is inactive, has another role than <paramref name="roles"/>, or a newer stamp.</summary>
    public static Func<CookieValidatePrincipalContext, Task> Validate(string scheme, params string[] roles) => async context =>
    {
        var id = context.Principal?.UserId() ?? 0;
        var status = id == 0 ? null : await context.HttpContext.RequestServices.GetRequiredService<UserStatusCache>()
            .GetAsync(id, context.HttpContext.RequestAborted);
        if (status is not { IsActive: true } || !roles.Contains(status.Role)
            || status.SecurityStamp != (context.Principal?.FindFirst(StampClaim)?.Value ?? ""))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(scheme);
        }
    };
}
