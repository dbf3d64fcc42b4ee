using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace CulturaLite.Api.Media;

public static class MediaModule
{
    public static WebApplicationBuilder AddMedia(this WebApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        var (environment, configuration) = (builder.Environment, builder.Configuration);
        var cloudinary = !string.IsNullOrWhiteSpace(builder.Configuration["Cloudinary:Url"]) && builder.Configuration["Media:Storage"]?.Trim().ToLowerInvariant() != "local-only";
        builder.Services.AddOptions<MediaOptions>().BindConfiguration("Media")
            .PostConfigure(o => o.Root = Path.GetFullPath(string.IsNullOrWhiteSpace(o.Root) ? Path.Combine(contentRoot, "media") : o.Root))
            .Validate(o => o.MaxImageBytes is >= 1024 and <= 100 * 1024 * 1024, "Media:MaxImageBytes must be between 1 KB and 100 MB.")
            .Validate(o => UntrustedOriginProblem(environment, configuration["AllowedHosts"], o, cloudinary) is null, UntrustedOrigin)
            .ValidateOnStart();
        builder.Services.AddSingleton<ImageProcessor>();
        // The body limit leaves room for the form around the largest image.
        builder.Services.AddOptions<Web.RequestLimitOptions>().Configure<Microsoft.Extensions.Options.IOptions<MediaOptions>>((o, media) =>
            o.MaxBodyBytes = Math.Max(o.MaxBodyBytes, media.Value.MaxImageBytes + 1024 * 1024));

        // Which storage is registered is decided here, from the settings as they are (composition time).
        var cloudinaryUrl = builder.Configuration["Cloudinary:Url"];
        var storageSetting = builder.Configuration["Media:Storage"] ?? "local";
        var storage = storageSetting.Trim().ToLowerInvariant();
        if (storage == "cloudinary" || (!string.IsNullOrWhiteSpace(cloudinaryUrl) && storage != "local-only"))
        {
            if (string.IsNullOrWhiteSpace(cloudinaryUrl))
            {
                throw new Web.SettingException("Media:Storage is 'cloudinary' but Cloudinary:Url is not set.");
            }
            var account = CloudinaryAccount.Parse(cloudinaryUrl);
            builder.Services.AddSingleton(account);
            var apiBase = builder.Configuration["Cloudinary:ApiBaseUrl"] ?? CloudinaryStorage.DefaultApiBase;
            builder.Services.AddHttpClient<IImageStorage, CloudinaryStorage>(c =>
            {
                c.BaseAddress = new Uri(apiBase.TrimEnd('/') + "/");
                c.Timeout = TimeSpan.FromSeconds(30);
            });
        }
        else if (storage is "local" or "local-only")
        {
            builder.Services.AddSingleton<IImageStorage, LocalImageStorage>();
        }
        else
        {
            throw new Web.SettingException($"Media:Storage must be 'local' or 'cloudinary'; '{storageSetting}' is not supported.");
        }
        return builder;
    }

    private const string UntrustedOrigin =
        "Set Media:PublicBaseUrl (the public origin of /media/ URLs, e.g. https://api.example.com) or AllowedHosts (the host names this server answers, separated by ';'): stored image URLs must not come from an untrusted Host header.";

    /// <summary>
    /// Stored image URLs must never be built from a Host header an attacker chose: outside Development,
    /// local storage needs `Media:PublicBaseUrl`, or `AllowedHosts` naming the hosts (so that host
    /// filtering refuses any other). Null when the configuration is safe.
    /// </summary>
    public static string? UntrustedOriginProblem(IHostEnvironment environment, string? allowedHosts, MediaOptions options, bool cloudinary)
    {
        if (environment.IsDevelopment() || cloudinary || options.TrustRequestHost || !string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            return null;
        }
        var hosts = (allowedHosts ?? "*").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return hosts.Length == 0 || hosts.Contains("*") ? UntrustedOrigin : null;
    }

    /// <summary>Serves local media under /media/ with long cache lifetimes (names are random and never reused).</summary>
    public static IApplicationBuilder UseMedia(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<MediaOptions>>().Value;
        Directory.CreateDirectory(options.Root!);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(options.Root!),
            RequestPath = LocalImageStorage.RequestPath,
            ServeUnknownFileTypes = false,
            OnPrepareResponse = ctx =>
            {
                ctx.Context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
                ctx.Context.Response.Headers.XContentTypeOptions = "nosniff";
            },
        });
        return app;
    }
}
