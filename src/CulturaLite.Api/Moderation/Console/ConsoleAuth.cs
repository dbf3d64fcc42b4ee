using System.Security.Claims;
using CulturaLite.Api.Accounts;

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

    public static void Add(IServiceCollection services) =>
        CookieSession.Add(services, Scheme, Policy, "/admin", "culturalite_admin", SameSiteMode.Strict, TimeSpan.FromHours(8), Roles.Admin);

    public static ClaimsPrincipal Principal(User user) => CookieSession.Principal(user, Scheme);
}
