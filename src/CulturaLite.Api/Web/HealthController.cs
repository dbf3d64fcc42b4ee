using System.Reflection;
using CulturaLite.Api.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Web;

[ApiController]
[AllowAnonymous]
[Route("api/health")]
[Tags("Health")]
public sealed class HealthController(AppDbContext db) : ControllerBase
{
    private static readonly string Version =
        typeof(HealthController).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "1.0.0";

    public sealed record HealthResponse(string Status, string Version);

    /// <summary>Liveness: the process answers.</summary>
    [HttpGet]
    public HealthResponse Get() => new("healthy", Version);

    /// <summary>Readiness: the database answers.</summary>
    [HttpGet("ready")]
    [ProducesResponseType<HealthResponse>(200)]
    [ProducesResponseType(503)]
    public async Task<IActionResult> Ready(CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            if (await db.Database.CanConnectAsync(timeout.Token))
            {
                return Ok(new HealthResponse("ready", Version));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // reported below as unavailable
        }
        return ProblemConventions.Status(503, "The database is not reachable.");
    }
}
