using Microsoft.AspNetCore.Localization;

namespace CulturaLite.Api.Site;

/// <summary>
/// The public site and the look every page for people shares (the home page `/`, the share, organizer and
/// account pages, the vendor portal): the stylesheet and the one script shipped inside the assembly, the
/// interface languages, and the pages' security headers.
/// </summary>
public static class SiteModule
{
    /// <summary>Where the shared stylesheet, script and icon are served.</summary>
    public const string Assets = "/assets";

    /// <summary>The pages' policy: nothing inline, scripts and styles from this origin only, forms post here only.</summary>
    public const string ContentSecurityPolicy = "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'self'; "
                                                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public static WebApplicationBuilder AddSite(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        // Pages in Hindi, Tamil or Bengali are written as text, not as &#x...; escapes (eight bytes a letter): HTML's
        // special characters are still escaped.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(UiLanguage.Default);
            o.SupportedCultures = [.. UiLanguage.Cultures];
            o.SupportedUICultures = [.. UiLanguage.Cultures];
            o.RequestCultureProviders = [new UiLanguage.Provider()];
        });
        return builder;
    }

    /// <summary>True for the pages for people (not the API, its documentation, the console, media or metrics).</summary>
    public static bool IsPage(PathString path) =>
        !path.StartsWithSegments("/api") && !path.StartsWithSegments("/admin") && !path.StartsWithSegments("/media")
        && !path.StartsWithSegments("/openapi") && !path.StartsWithSegments("/scalar") && !path.StartsWithSegments("/metrics");

    /// <summary>True for the HTML pages whose text is in the interface's language (not their images, feeds or the sitemap).</summary>
    public static bool ShowsInterface(PathString path) =>
        path == "/" || path.StartsWithSegments("/vendor") || path.StartsWithSegments("/o") || path.StartsWithSegments("/s")
        || (path.StartsWithSegments("/e") && !path.Value!.EndsWith(".jpg", StringComparison.Ordinal));

    /// <summary>The interface language of the pages, and their security headers.</summary>
    public static IApplicationBuilder UseSitePages(this IApplicationBuilder app)
    {
        app.UseWhen(http => IsPage(http.Request.Path), pages =>
        {
            pages.UseRequestLocalization();
            pages.Use((http, next) =>
            {
                var path = http.Request.Path;
                if (path == "/" || path.StartsWithSegments("/vendor") || path.StartsWithSegments(Assets) || path.StartsWithSegments("/ui")
                    || path.StartsWithSegments("/e") || path.StartsWithSegments("/o") || path.StartsWithSegments("/s"))
                {
                    var headers = http.Response.Headers;
                    headers.XFrameOptions = "DENY";
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers.Append("Vary", "Accept-Language, Cookie");
                    if (path.StartsWithSegments("/vendor") || path.StartsWithSegments("/s"))
                    {
                        headers.CacheControl = "no-store";
                    }
                }
                return next(http);
            });
        });
        return app;
    }

    public static WebApplication MapSite(this WebApplication app)
    {
        foreach (var (name, type) in new[] { ("site.css", "text/css; charset=utf-8"), ("site.js", "text/javascript; charset=utf-8"), ("favicon.svg", "image/svg+xml; charset=utf-8") })
        {
            var body = Asset(name);
            app.MapMethods($"{Assets}/{name}", ["GET", "HEAD"], (HttpContext http) =>
            {
                // Versioned by the ?v= the pages put on the link, so a browser may keep it a day.
                http.Response.Headers.CacheControl = "public, max-age=86400";
                return Results.Text(body, type);
            }).AllowAnonymous().ExcludeFromDescription();
        }
        // Devanagari for the Hindi interface where the device has none; a page loads it only when it shows Devanagari text.
        foreach (var font in new[] { "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf" })
        {
            var bytes = Resource($"Fonts.{font}");
            app.MapMethods($"{Assets}/fonts/{font}", ["GET", "HEAD"], (HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                return Results.Bytes(bytes, "font/ttf");
            }).AllowAnonymous().ExcludeFromDescription();
        }
        // The language switch: remembered in a cookie for a year, then back to the page it was chosen on.
        app.MapGet("/ui/{language}", (string language, string? next, HttpContext http) =>
        {
            if (UiLanguage.Find(language) is not { } culture)
            {
                return Results.NotFound();
            }
            http.Response.Cookies.Append(UiLanguage.CookieName, culture.TwoLetterISOLanguageName, new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365),
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Path = "/",
                IsEssential = true,
                Secure = http.Request.IsHttps,
            });
            var back = next is { Length: > 0 and < 2000 } && next[0] == '/' && !next.StartsWith("//", StringComparison.Ordinal) && !next.StartsWith("/\\", StringComparison.Ordinal) ? next : "/";
            return Results.LocalRedirect(back);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>A short page with one sentence from the interface's resources (a refused form, say), in the site's look.</summary>
    public static Task WriteMessagePageAsync(HttpContext http, string key, params object[] args)
    {
        var text = http.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<UiText>>();
        var encoder = System.Text.Encodings.Web.HtmlEncoder.Default;
        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        var sentence = encoder.Encode(text[key, args]);
        return http.Response.WriteAsync($"<!DOCTYPE html><html lang=\"{language}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + $"<title>{sentence}</title><link rel=\"stylesheet\" href=\"{Assets}/site.css?v={AssetVersion}\"></head><body><main id=\"main\"><h1>{sentence}</h1>"
            + $"<p><a href=\"/\">CulturaLite</a></p></main></body></html>");
    }

    /// <summary>The version the pages put on asset links: a new build is a new URL.</summary>
    public static readonly string AssetVersion = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(Asset("site.css") + Asset("site.js"))))[..10];

    private static byte[] Resource(string name)
    {
        using var stream = typeof(SiteModule).Assembly.GetManifestResourceStream($"CulturaLite.Api.Site.{name}")
                           ?? throw new InvalidOperationException($"The asset {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Asset(string name)
    {
        using var stream = typeof(SiteModule).Assembly.GetManifestResourceStream($"CulturaLite.Api.Site.{name}")
                           ?? throw new InvalidOperationException($"The asset {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
