using CulturaLite.Api.Accounts;

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

    public static void Add(IServiceCollection services) =>
        CookieSession.Add(services, Scheme, Policy, "/vendor", "culturalite_vendor", SameSiteMode.Lax, TimeSpan.FromDays(14), Roles.Vendor, Roles.Admin);
}
