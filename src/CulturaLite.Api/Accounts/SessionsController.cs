using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CulturaLite.Api.Accounts;

public sealed record SessionsEndedResponse(int Revoked);

/// <summary>The caller's login chains: where each was opened and when last used; end one, or all others.</summary>
[ApiController]
[Authorize]
[Route("api/auth/sessions")]
[Tags("Accounts")]
public sealed class SessionsController(LoginSessions sessions) : ControllerBase
{
    private Guid? Current => Guid.TryParseExact(User.FindFirst("sid")?.Value, "N", out var id) ? id : null;

    [HttpGet]
    [ProducesResponseType<List<SessionResponse>>(200)]
    public async Task<IActionResult> List(CancellationToken ct) => Ok(await sessions.ListAsync(User.UserId(), Current, ct));

    /// <summary>Ends the session: its refresh tokens stop working at once.</summary>
    [HttpDelete("{id}")]
    [ProducesResponseType(204)]
    public async Task<IActionResult> End(string id, CancellationToken ct) =>
        Guid.TryParseExact(id, "N", out var family) && await sessions.EndAsync(User.UserId(), family, ct)
            ? NoContent()
            : ProblemConventions.NotFound("No active session of yours matches the given id.");

    /// <summary>Ends every session but this one.</summary>
    [HttpPost("revoke-others")]
    [ProducesResponseType<SessionsEndedResponse>(200)]
    public async Task<IActionResult> EndOthers(CancellationToken ct) => Ok(new SessionsEndedResponse(await sessions.EndOthersAsync(User.UserId(), Current, ct)));
}
