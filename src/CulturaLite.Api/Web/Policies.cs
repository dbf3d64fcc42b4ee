using CulturaLite.Api.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace CulturaLite.Api.Web;

/// <summary>Named authorization policies, used declaratively: [Authorize(Policies.Admin)].</summary>
public static class Policies
{
    /// <summary>Vendors own events; admins may use the vendor dashboard too.</summary>
    public const string Vendor = "vendor";
    public const string Admin = "admin";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Vendor, p => p.RequireAuthenticatedUser().RequireRole(Roles.Vendor, Roles.Admin));
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
    }
}
