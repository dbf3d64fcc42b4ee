using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CulturaLite.Api.Alerts;

public sealed record DigestRunRequest(string? Frequency);

/// <summary>Sends one frequency's digests now, as if due (for operators trying a change, and for tests).</summary>
[ApiController]
[Authorize(Policies.Admin)]
[Route("api/admin/digests")]
[Tags("Alerts")]
public sealed class AdminDigestsController(Digests digests) : ControllerBase
{
    /// <summary>Each digest still holds only what is new since that subscription's last one; answers when all are queued.</summary>
    [HttpPost("run")]
    [ProducesResponseType<DigestRunResult>(200)]
    public async Task<IActionResult> Run(DigestRunRequest? request, CancellationToken ct)
    {
        var frequency = request?.Frequency?.Trim().ToLowerInvariant();
        if (frequency is null || !DigestFrequency.All.Contains(frequency))
        {
            var errors = new FieldErrors();
            errors.Add("frequency", string.IsNullOrEmpty(frequency) ? "This field is required." : "Choose weekly or daily.");
            return errors.ToProblem();
        }
        return Ok(await digests.RunAsync(frequency, asIfDue: true, ct));
    }
}
