using CulturaLite.Api.Accounts;
using Microsoft.AspNetCore.RateLimiting;

namespace CulturaLite.Api.Moderation.Console;

/// <summary>The server-rendered moderation console under /admin.</summary>
public static class ConsoleModule
{
    public static WebApplicationBuilder AddAdminConsole(this WebApplicationBuilder builder)
    {
        ConsoleAuth.Add(builder.Services);
        // Every module's pages are found from the project's root (each page names its own route); the console's folder
        // asks for an admin's console session.
        builder.Services.AddRazorPages(o =>
        {
            o.RootDirectory = "/";
            o.Conventions.AuthorizeFolder("/Moderation/Console", ConsoleAuth.Policy);
            o.Conventions.AllowAnonymousToPage("/Moderation/Console/Login");
        });
        // The console's login attempts (its POSTs; viewing the form is free) get the API login's budget.
        builder.Services.AddOptions<RateLimiterOptions>().Configure<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>((o, limits) =>
            RateLimits.PerIp(o, ConsoleAuth.LoginRateLimit, limits.Value.Enabled ? limits.Value.LoginPerMinute : 0, onlyPost: true));
        return builder;
    }

    /// <summary>The security and caching headers of the console's pages and assets, and of the account pages (`/account/...`).</summary>
    public static IApplicationBuilder UseAdminConsoleHeaders(this IApplicationBuilder app)
    {
        app.Use((http, next) =>
        {
            var path = http.Request.Path;
            if (path.StartsWithSegments("/admin") || path.StartsWithSegments("/account"))
            {
                var headers = http.Response.Headers;
                headers.XFrameOptions = "DENY";
                headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'none'; "
                                                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
                headers.CacheControl = path.StartsWithSegments("/admin/assets") ? "public, max-age=3600" : "no-store";
            }
            return next(http);
        });
        return app;
    }

    public static WebApplication MapAdminConsole(this WebApplication app)
    {
        app.MapRazorPages();
        // The console's one stylesheet, shipped inside the assembly: no CDN, nothing to deploy beside it.
        var css = Stylesheet.Value;
        app.MapMethods("/admin/assets/console.css", ["GET", "HEAD"], () => Results.Text(css, "text/css; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        var icon = Icon.Value;
        app.MapMethods("/admin/assets/favicon.svg", ["GET", "HEAD"], () => Results.Text(icon, "image/svg+xml; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static readonly Lazy<string> Stylesheet = new(() => Asset("console.css"));

    private static readonly Lazy<string> Icon = new(() => Asset("favicon.svg"));

    private static string Asset(string name)
    {
        using var stream = typeof(ConsoleModule).Assembly.GetManifestResourceStream($"CulturaLite.Api.Moderation.Console.{name}")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

}
