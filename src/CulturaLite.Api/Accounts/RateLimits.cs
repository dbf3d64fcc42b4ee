using System.Globalization;
using System.Threading.RateLimiting;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.RateLimiting;

namespace CulturaLite.Api.Accounts;

/// <summary>
/// Per-client-IP budgets for the account endpoints, each its own (`RateLimiting:LoginPerMinute`, ...).
/// The client IP is the connection's, or the forwarded one when the request came through a
/// configured proxy (ForwardedHeaders:KnownProxies or KnownNetworks; with none named, never the forwarded one).
/// </summary>
public static class RateLimits
{
    public const string Login = "login";
    public const string Register = "register";
    public const string Refresh = "refresh";
    public const string Logout = "logout";
    /// <summary>A vendor's submissions and edits, per account (not per IP): each one costs a moderator's look.</summary>
    public const string Submissions = "submissions";
    public const string Reports = "reports";
    /// <summary>The account lifecycle's links: verifying, resending, resetting (each address has its own hourly cap too).</summary>
    public const string AccountLinks = "account-links";
    /// <summary>Alerts without an account: subscribing, confirming, unsubscribing, push subscriptions.</summary>
    public const string Alerts = "alerts";

    public static void Add(IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>((o, settings) =>
        {
            var limits = settings.Value;
            PerIp(o, Login, limits.Enabled ? limits.LoginPerMinute : 0);
            PerIp(o, Register, limits.Enabled ? limits.RegisterPerMinute : 0);
            PerIp(o, Refresh, limits.Enabled ? limits.RefreshPerMinute : 0);
            PerIp(o, Logout, limits.Enabled ? limits.LogoutPerMinute : 0);
            PerIp(o, Reports, limits.Enabled ? limits.ReportsPerMinute : 0);
            PerIp(o, AccountLinks, limits.Enabled ? limits.AccountLinksPerMinute : 0);
            PerIp(o, Alerts, limits.Enabled ? limits.AlertsPerMinute : 0);
            var perHour = limits.Enabled ? limits.SubmissionsPerHour : 0;
            o.AddPolicy(Submissions, http =>
            {
                var user = http.User.UserId();
                // Shared by the API's writes and the portal's event form, whose GETs (reading the form) are free.
                if (perHour <= 0 || user == 0 || HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("off");
                }
                return RateLimitPartition.GetSlidingWindowLimiter($"vendor:{user}", _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = perHour,
                    Window = TimeSpan.FromHours(1),
                    SegmentsPerWindow = 12,
                    QueueLimit = 0,
                });
            });
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                if (Site.SiteModule.IsPage(http.Request.Path))
                {
                    // A person at a form reads a page in their language, not a problem document.
                    await Site.SiteModule.WriteMessagePageAsync(http, "Too many attempts. Try again in {0} seconds.", seconds);
                    return;
                }
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = 429,
                        Title = "Too Many Requests",
                        Detail = $"Request was throttled. Expected available in {seconds} seconds.",
                        Type = ProblemConventions.TypeFor(429),
                    },
                });
            };
        });
    }

    /// <summary>
    /// A per-client-IP budget of <paramref name="perMinute"/> requests (0: no limit), for the API's account
    /// endpoints and the console's login alike; <paramref name="onlyPost"/> leaves reading a form free.
    /// </summary>
    public static void PerIp(RateLimiterOptions options, string name, int perMinute, bool onlyPost = false) =>
        options.AddPolicy(name, http =>
        {
            if (perMinute <= 0 || (onlyPost && !HttpMethods.IsPost(http.Request.Method)))
            {
                return RateLimitPartition.GetNoLimiter("off");
            }
            var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.Get(ip, _ => new WindowLimiter(perMinute, TimeSpan.FromMinutes(1)));
        });
}
