using CulturaLite.Api.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CulturaLite.Api.Portal;

/// <summary>
/// The vendor portal's own sign-in: an HttpOnly, SameSite=Lax cookie scoped to /vendor, separate from the API's JWT
/// and from the console's cookie, re-checked against the account on every request (<see cref="CookieSession"/>).
/// Lax, not Strict: a vendor who follows a link from an email arrives signed in.
/// </summary>
public static class PortalAuth
{
    public const string Scheme = "VendorPortal";
    public const string Policy = "portal-vendor";
    public const string LoginRateLimit = "portal-login";
    public const string RegisterRateLimit = "portal-register";
    public const string AccountLinksRateLimit = "portal-account-links";

    public static void Add(IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.LoginPath = "/vendor/login";
            o.LogoutPath = "/vendor/logout";
            o.AccessDeniedPath = "/vendor/login";
            o.ReturnUrlParameter = "next";
            o.Cookie.Name = "culturalite_vendor";
            o.Cookie.Path = "/vendor";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = CookieSession.Validate(Scheme, Roles.Vendor, Roles.Admin);
        });
        services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<Microsoft.Extensions.Options.IOptions<AuthOptions>>((o, cookies) =>
            o.Cookie.SecurePolicy = cookies.Value.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        services.AddAuthorization(o => o.AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireRole(Roles.Vendor, Roles.Admin)));
    }
}
