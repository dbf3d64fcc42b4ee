using System.Security.Claims;
using CulturaLite.Api.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CulturaLite.Api.Moderation.Console;

/// <summary>
/// The admin console's own sign-in: an HttpOnly, SameSite=Strict cookie scoped to /admin, separate
/// from the API's bearer tokens, re-checked against the account's state on every request.
/// </summary>
public static class ConsoleAuth
{
    public const string Scheme = "AdminConsole";
    public const string Policy = "console-admin";
    public const string LoginRateLimit = "console-login";

    public static void Add(IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.LoginPath = "/admin/login";
            o.LogoutPath = "/admin/logout";
            o.AccessDeniedPath = "/admin/login";
            o.ReturnUrlParameter = "next";
            o.Cookie.Name = "culturalite_admin";
            o.Cookie.Path = "/admin";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = CookieSession.Validate(Scheme, Roles.Admin);
        });
        // `Auth:SecureCookies`, the same setting the API's refresh cookie reads.
        services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<Microsoft.Extensions.Options.IOptions<AuthOptions>>((o, cookies) =>
            o.Cookie.SecurePolicy = cookies.Value.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        services.AddAuthorization(o => o.AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireRole(Roles.Admin)));
    }

    public static ClaimsPrincipal Principal(User user) => CookieSession.Principal(user, Scheme);
}
