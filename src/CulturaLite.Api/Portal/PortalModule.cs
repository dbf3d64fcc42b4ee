using CulturaLite.Api.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Portal;

/// <summary>
/// The vendor portal under /vendor: everything a vendor does through the dashboard API, as pages that work on a phone
/// without JavaScript. Its pages call the services the API's controllers call; none holds a rule of its own.
/// </summary>
public static class PortalModule
{
    public static WebApplicationBuilder AddVendorPortal(this WebApplicationBuilder builder)
    {
        PortalAuth.Add(builder.Services);
        builder.Services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Portal/Pages", PortalAuth.Policy);
            foreach (var open in new[] { "Login", "Register", "ForgotPassword" })
            {
                o.Conventions.AllowAnonymousToPage($"/Portal/Pages/{open}");
            }
            o.Conventions.AddPageRoute("/Portal/Pages/EventForm", "/vendor/events/{id:int}/edit");
            o.Conventions.AddPageRoute("/Portal/Pages/Festivals", "/vendor/festivals/{id:int}");
        });
        // The portal's sign-in, registration and reset forms spend the API's budgets per address (their POSTs only).
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((o, limits) =>
        {
            var on = limits.Value.Enabled;
            RateLimits.PerIp(o, PortalAuth.LoginRateLimit, on ? limits.Value.LoginPerMinute : 0, onlyPost: true);
            RateLimits.PerIp(o, PortalAuth.RegisterRateLimit, on ? limits.Value.RegisterPerMinute : 0, onlyPost: true);
            RateLimits.PerIp(o, PortalAuth.AccountLinksRateLimit, on ? limits.Value.AccountLinksPerMinute : 0, onlyPost: true);
        });
        return builder;
    }
}
