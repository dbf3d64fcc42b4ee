using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Scalar.AspNetCore;

namespace CulturaLite.Api.Web;

public static class WebModule
{
    public const string CorsPolicy = "frontend";

    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        IdleMemoryTrim.LimitNativeArenas();
        services.AddOptions<MemoryOptions>().BindConfiguration(MemoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IdleMemoryTrim>();
        services.AddHostedService(sp => sp.GetRequiredService<IdleMemoryTrim>());
        services.AddControllers(o =>
            {
                o.Conventions.Add(new HeadForGetConvention());
                // An empty body binds as null; the endpoint then reports each missing field, as DRF does.
                o.AllowEmptyInputInBodyModelBinding = true;
            })
            .AddJsonOptions(o => JsonConventions.Apply(o.JsonSerializerOptions))
            .ConfigureApiBehaviorOptions(o => o.InvalidModelStateResponseFactory = ModelStateProblems.Create);
        services.ConfigureHttpJsonOptions(o => JsonConventions.Apply(o.SerializerOptions));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemConventions.Customize);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddAuthorization(Policies.Add);
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "CulturaLite API";
            doc.Info.Description = "Cultural events: public discovery, vendor dashboard, moderation. "
                + "JSON members are snake_case; timestamps are UTC ISO 8601 with Z; errors are application/problem+json.";
            return Task.CompletedTask;
        }));

        // Several instances must share these keys, or a console cookie issued by one is refused by another.
        if (builder.Configuration["DataProtection:KeysDirectory"] is { Length: > 0 } keys)
        {
            services.AddDataProtection().SetApplicationName("culturalite").PersistKeysToFileSystem(new DirectoryInfo(keys));
        }
        // On SIGTERM, stop accepting and let requests in flight finish (up to 30 s) before exiting.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        services.AddOptions<SiteOptions>().BindConfiguration("Site")
            .Validate(o => SiteOptions.IsKnownZone(o.TimeZone), "Site:TimeZone must name a time zone this machine knows (an IANA id such as Asia/Kolkata).")
            .Validate(o => SiteOptions.AreValidLanguages(o.Languages),
                "Site:Languages must list distinct two-letter lower-case ISO 639-1 codes (Site__Languages__0=en, Site__Languages__1=hi ...).")
            .Validate(o => SiteOptions.IsAbsoluteHttpUrl(o.PublicBaseUrl), "Site:PublicBaseUrl must be an absolute http(s) URL such as https://culturalite.in.")
            .Validate(o => SiteOptions.IsAbsoluteHttpUrl(o.FrontendAccountUrl), "Site:FrontendAccountUrl must be an absolute http(s) URL such as https://culturalite.in/account.")
            .Validate(o => SiteOptions.IsAbsoluteHttpUrl(o.FrontendEventUrl?.Replace("{id}", "1", StringComparison.Ordinal)),
                "Site:FrontendEventUrl must be an absolute http(s) URL with {id}, such as https://culturalite.in/events/{id}.")
            .ValidateOnStart();
        services.AddOptions<RequestLimitOptions>().Bind(builder.Configuration.GetSection("RequestLimits"));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.Limits.MaxRequestLineSize = 8 * 1024;
            k.AddServerHeader = false;
        });

        var origins = ReadOrigins(builder.Configuration);
        services.AddCors(o => o.AddPolicy(CorsPolicy, p => p
            .WithOrigins(origins)
            .AllowCredentials()
            .AllowAnyHeader()
            .AllowAnyMethod()
            .WithExposedHeaders("Retry-After", "ETag", "Location")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));

        var proxies = ReadProxies(builder.Configuration);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            // With both lists empty the middleware would believe every client: with no proxy named,
            // forwarded headers are not read at all, so no client picks its own address.
            o.ForwardedHeaders = proxies.Addresses.Count + proxies.Networks.Count == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var ip in proxies.Addresses)
            {
                o.KnownProxies.Add(ip);
            }
            foreach (var network in proxies.Networks)
            {
                o.KnownIPNetworks.Add(network);
            }
        });
        return builder;
    }

    /// <summary>`ForwardedHeaders:KnownProxies` (addresses) and `ForwardedHeaders:KnownNetworks` (CIDR): whose forwarded headers are believed.</summary>
    public static (List<IPAddress> Addresses, List<System.Net.IPNetwork> Networks) ReadProxies(IConfiguration configuration)
    {
        var addresses = new List<IPAddress>();
        foreach (var text in ReadList(configuration, "ForwardedHeaders:KnownProxies"))
        {
            addresses.Add(IPAddress.TryParse(text, out var ip)
                ? ip
                : throw new SettingException($"ForwardedHeaders:KnownProxies: '{text}' is not an IP address (ForwardedHeaders__KnownProxies__0=10.0.0.5)."));
        }
        var networks = new List<System.Net.IPNetwork>();
        foreach (var text in ReadList(configuration, "ForwardedHeaders:KnownNetworks"))
        {
            networks.Add(System.Net.IPNetwork.TryParse(text, out var network)
                ? network
                : throw new SettingException($"ForwardedHeaders:KnownNetworks: '{text}' is not a network in CIDR form (ForwardedHeaders__KnownNetworks__0=10.0.0.0/8)."));
        }
        return (addresses, networks);
    }

    /// <summary>A list setting given as indexed entries (`X__0`, `X__1`) or as one comma-separated value.</summary>
    private static string[] ReadList(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        return section.Value is { Length: > 0 } single
            ? single.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.Get<string[]>() ?? [];
    }

    public static string[] ReadOrigins(IConfiguration configuration)
    {
        var list = ReadList(configuration, "Cors:AllowedOrigins");
        return list.Length > 0 ? list : ["http://localhost:3000", "http://127.0.0.1:3000"];
    }

    /// <summary>
    /// Security headers on every answer, the request's arrival time, and a HEAD's body dropped (HEAD runs the
    /// GET action; whatever it writes is discarded, only headers leave).
    /// </summary>
    public static IApplicationBuilder UseEdgeHeaders(this IApplicationBuilder app)
    {
        var clock = app.ApplicationServices.GetRequiredService<TimeProvider>();
        return app.Use((http, next) =>
        {
            http.Features.Set(new RequestArrival(clock.GetUtcNow().UtcDateTime));
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            if (HttpMethods.IsHead(http.Request.Method))
            {
                http.Response.Body = Stream.Null;
            }
            return next(http);
        });
    }

    /// <summary>
    /// A method the path does not support is the router's 405 endpoint (it has no method metadata). Its
    /// `Allow` gains OPTIONS, which every path answers; a plain OPTIONS (not a CORS preflight, which the
    /// CORS middleware answers earlier) gets 200 with that `Allow`, as DRF answers it.
    /// </summary>
    private static Task AnswerOptions(HttpContext http, RequestDelegate next)
    {
        if (http.GetEndpoint() is not { } endpoint || endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not null)
        {
            return next(http);
        }
        var options = HttpMethods.IsOptions(http.Request.Method);
        if (options && http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
        http.Response.OnStarting(() =>
        {
            if (http.Response.StatusCode == StatusCodes.Status405MethodNotAllowed)
            {
                http.Response.Headers.Allow = string.Join(", ", http.Response.Headers.Allow.ToString()
                    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Append("OPTIONS").Distinct());
                if (options)
                {
                    http.Response.StatusCode = StatusCodes.Status200OK;
                }
            }
            return Task.CompletedTask;
        });
        return next(http);
    }

    /// <summary>A plain OPTIONS answered 200 with `Allow`, and OPTIONS added to a 405's `Allow` (<see cref="AnswerOptions"/>).</summary>
    public static IApplicationBuilder UsePlainOptions(this IApplicationBuilder app) => app.Use(AnswerOptions);

    /// <summary>The OpenAPI document and its Scalar reference.</summary>
    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/scalar", o => o.WithTitle("CulturaLite API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        return app;
    }

    /// <summary>Runs the server; a port already in use is one clear line, not a stack trace.</summary>
    public static async Task<int> RunServerAsync(this WebApplication app)
    {
        // Only for addresses given to Kestrel (--urls, ASPNETCORE_URLS); an in-process test server binds nothing.
        var urls = app.Configuration["urls"];
        var kestrel = app.Services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?.GetType().Name.Contains("Kestrel", StringComparison.Ordinal) == true;
        if (kestrel && !string.IsNullOrWhiteSpace(urls) && BusyAddress(urls) is { } busy)
        {
            Console.Error.WriteLine(PortInUse(busy));
            return 1;
        }
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (IOException e) when (e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            // Taken between the check and the bind.
            Console.Error.WriteLine(PortInUse("the configured address"));
            return 1;
        }
    }

    private static string PortInUse(string address) =>
        $"Cannot listen on {address}: the port is already in use. Stop the other server or choose another port: "
        + "dotnet run --project src/CulturaLite.Api --urls http://127.0.0.1:PORT";

    /// <summary>The first configured address whose port another process already holds; null when all are free.</summary>
    private static string? BusyAddress(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var normalized = url.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0");
            if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri))
            {
                continue;
            }
            var ip = uri.Host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) ? parsed : null;
            if (ip is null || uri.Port == 0)
            {
                continue;
            }
            try
            {
                var probe = new System.Net.Sockets.TcpListener(ip, uri.Port);
                probe.Start();
                probe.Stop();
            }
            catch (System.Net.Sockets.SocketException e) when (e.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse)
            {
                return url;
            }
        }
        return null;
    }
}
