using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CulturaLite.Api.Web;

[ApiController]
[AllowAnonymous]
[Route("api/health")]
[Tags("Health")]
public sealed class HealthController(HealthCheckService health) : ControllerBase
{
    private static readonly string Version =
        typeof(HealthController).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "1.0.0";

    public sealed record HealthResponse(string Status, string Version);

    /// <summary>Liveness: the process answers.</summary>
    [HttpGet]
    public HealthResponse Get() => new("healthy", Version);

    public sealed record ReadyResponse(string Status, string Version, Dictionary<string, string> Checks);

    /// <summary>Readiness: each dependency (`database`, `outbox`) named with its state; 503 problem+json when the database does not answer.</summary>
    [HttpGet("ready")]
    [ProducesResponseType<ReadyResponse>(200)]
    [ProducesResponseType(503)]
    public async Task<IActionResult> Ready(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        HealthReport report;
        try
        {
            report = await health.CheckHealthAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ProblemConventions.Status(503, "The readiness checks did not finish in time.");
        }
        var checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString().ToLowerInvariant());
        // The contract: ready while the database answers. A stuck outbox is reported by name, but
        // taking the instance out of rotation would not deliver a single email.
        if (!report.Entries.TryGetValue("database", out var database) || database.Status != HealthStatus.Unhealthy)
        {
            return Ok(new ReadyResponse(report.Status == HealthStatus.Healthy ? "ready" : "degraded", Version, checks));
        }
        var problem = ProblemConventions.Status(503, "Not ready: the database is not reachable.");
        ((ProblemDetails)problem.Value!).Extensions["checks"] = checks;
        return problem;
    }
}
