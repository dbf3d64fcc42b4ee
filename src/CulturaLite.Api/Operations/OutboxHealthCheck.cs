using CulturaLite.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Operations;

/// <summary>`Health:OutboxMaxAgeMinutes` (default 15): how old the oldest undelivered email may get before readiness says so.</summary>
public sealed class OutboxHealthOptions
{
    public double OutboxMaxAgeMinutes { get; set; } = 15;
}

/// <summary>The email outbox is healthy while its oldest undelivered email is younger than the configured age.</summary>
public sealed class OutboxHealthCheck(AppDbContext db, TimeProvider clock, IOptions<OutboxHealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var oldest = await db.OutboxEmails.AsNoTracking().Where(m => m.SentAt == null)
            .MinAsync(m => (DateTime?)m.CreatedAt, cancellationToken);
        if (oldest is null)
        {
            return HealthCheckResult.Healthy("No email waiting.");
        }
        var age = clock.GetUtcNow().UtcDateTime - oldest.Value;
        var limit = TimeSpan.FromMinutes(options.Value.OutboxMaxAgeMinutes);
        return age <= limit
            ? HealthCheckResult.Healthy($"Oldest undelivered email is {age.TotalMinutes:F0} min old.")
            : HealthCheckResult.Unhealthy($"Oldest undelivered email is {age.TotalMinutes:F0} min old (limit {limit.TotalMinutes:F0}).");
    }
}
