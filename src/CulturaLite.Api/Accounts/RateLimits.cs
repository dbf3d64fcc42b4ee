using System.Globalization;
using System.Threading.RateLimiting;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.RateLimiting;

namespace CulturaLite.Api.Accounts;

/// <summary>
/// Per-client-IP budgets for the account endpoints, each its own (`RateLimiting:LoginPerMinute`, ...).
/// The client IP is the connection's, or the forwarded one when the request came through a
/// configured proxy (see ForwardedHeaders:KnownProxies).
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

    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        var enabled = configuration.GetValue("RateLimiting:Enabled", true);
        services.AddRateLimiter(o =>
        {
            AddPolicy(o, Login, configuration.GetValue("RateLimiting:LoginPerMinute", 5), enabled);
            AddPolicy(o, Register, configuration.GetValue("RateLimiting:RegisterPerMinute", 3), enabled);
            AddPolicy(o, Refresh, configuration.GetValue("RateLimiting:RefreshPerMinute", 10), enabled);
            AddPolicy(o, Logout, configuration.GetValue("RateLimiting:LogoutPerMinute", 10), enabled);
            AddPolicy(o, Reports, configuration.GetValue("RateLimiting:ReportsPerMinute", 5), enabled);
            var perHour = configuration.GetValue("RateLimiting:SubmissionsPerHour", 30);
            o.AddPolicy(Submissions, http =>
            {
                var user = http.User.UserId();
                if (!enabled || perHour <= 0 || user == 0)
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

    private static void AddPolicy(RateLimiterOptions options, string name, int perMinute, bool enabled) =>
        options.AddPolicy(name, http =>
        {
            if (!enabled || perMinute <= 0)
            {
                return RateLimitPartition.GetNoLimiter("off");
            }
            var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        });
}
