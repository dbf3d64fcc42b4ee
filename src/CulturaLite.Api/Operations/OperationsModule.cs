using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CulturaLite.Api.Operations;

/// <summary>
/// What an operator needs: OpenTelemetry traces and metrics (OTLP when `OTEL_EXPORTER_OTLP_ENDPOINT`
/// is set, Prometheus text at `/metrics` when `Metrics:Enabled`), named health checks (database,
/// email outbox) for readiness, and the first-run demo in Development.
/// </summary>
public static class OperationsModule
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MetricsOptions>().BindConfiguration("Metrics")
            .Validate(o => TryNetworks(o) is null, "Metrics:AllowedNetworks must list networks in CIDR form (e.g. 10.0.0.0/8) or addresses.")
            .ValidateOnStart();
        services.AddOptions<OutboxHealthOptions>().BindConfiguration("Health")
            .Validate(o => o.OutboxMaxAgeMinutes > 0, "Health:OutboxMaxAgeMinutes must be above 0.")
            .ValidateOnStart();
        services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", HealthStatus.Unhealthy)
            .AddCheck<OutboxHealthCheck>("outbox");

        // Instrumentation costs on every request, so it is switched on only when something reads it:
        // traces and metrics when an OTLP endpoint is set, metrics when /metrics is enabled.
        var metrics = builder.Configuration.GetSection("Metrics").Get<MetricsOptions>() ?? new MetricsOptions();
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (otlp || metrics.Enabled)
        {
            var otel = services.AddOpenTelemetry()
                .ConfigureResource(r => r.AddService("culturalite-api"))
                .WithMetrics(m =>
                {
                    m.AddAspNetCoreInstrumentation()
                        .AddHttpClientInstrumentation()
                        .AddRuntimeInstrumentation()
                        .AddMeter("Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Hosting", "Npgsql", AppMetrics.MeterName);
                    if (metrics.Enabled)
                    {
                        m.AddPrometheusExporter();
                    }
                });
            if (otlp)
            {
                otel.WithTracing(t => t
                        .AddAspNetCoreInstrumentation()
                        .AddHttpClientInstrumentation()
                        .AddEntityFrameworkCoreInstrumentation()
                        .AddNpgsql())
                    .UseOtlpExporter();
            }
        }
        services.AddHostedService<Commands.FirstRunDemo>();
        return builder;
    }

    /// <summary>`/metrics` for allowed networks only (404 for everyone else, as if it did not exist).</summary>
    public static IApplicationBuilder UseMetricsEndpoint(this IApplicationBuilder app)
    {
        AppMetrics.ObserveDatabase(app.ApplicationServices.GetRequiredService<IServiceScopeFactory>(), app.ApplicationServices.GetRequiredService<TimeProvider>());
        var options = app.ApplicationServices.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }
        var networks = options.Networks();
        app.UseWhen(http => http.Request.Path.StartsWithSegments(MetricsPath), branch => branch.Use(async (http, next) =>
        {
            if (MetricsOptions.Allows(networks, http.Connection.RemoteIpAddress))
            {
                await next(http);
                return;
            }
            // Not allowed: answered as if there were nothing here.
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = 404, Title = "Not Found", Detail = "Not found.", Type = ProblemConventions.TypeFor(404) },
            });
        }));
        app.UseOpenTelemetryPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    private static string? TryNetworks(MetricsOptions options)
    {
        try
        {
            options.Networks();
            return null;
        }
        catch (Web.SettingException e)
        {
            return e.Message;
        }
    }
}
