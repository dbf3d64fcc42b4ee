using CulturaLite.Api.Accounts;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CulturaLite.Api.Moderation;

/// <summary>Accounts administration: list, deactivate (which also ends every session) and activate.</summary>
[ApiController]
[Authorize(Policies.Admin)]
[Route("api/admin/users")]
[Tags("Moderation")]
public sealed class AdminUsersController(AccountAdministration accounts) : ControllerBase
{
    /// <summary>Accounts, newest first; filters `role`, `is_active`, `search` (email or name).</summary>
    [HttpGet]
    [ReadsQuery("search", "role", "is_active")]
    [ProducesResponseType<Page<UserResponse>>(200)]
    public async Task<IActionResult> List(CancellationToken ct)
    {
        var active = Request.Query["is_active"].ToString().ToLowerInvariant() switch
        {
            "true" or "1" => true,
            "false" or "0" => (bool?)false,
            _ => null,
        };
        var page = await accounts.Search(Request.Query["search"], Request.Query["role"], active)
            .Select(UserResponse.Projection).ToPageAsync(Request, ct);
        return page is null ? Pagination.InvalidPage() : Ok(page);
    }

    /// <summary>Deactivates an account: its refresh tokens are revoked and its access tokens refused from now on.</summary>
    [HttpPost("{id:int}/deactivate")]
    [ProducesResponseType<UserResponse>(200)]
    public async Task<IActionResult> Deactivate(int id, CancellationToken ct) =>
        Respond(await accounts.DeactivateAsync(id, User.UserId(), ct));

    [HttpPost("{id:int}/activate")]
    [ProducesResponseType<UserResponse>(200)]
    public async Task<IActionResult> Activate(int id, CancellationToken ct) =>
        Respond(await accounts.ActivateAsync(id, ct));

    /// <summary>Trusts a vendor: their new and edited events are approved at once, marked `auto_approved` for a later look.</summary>
    [HttpPost("{id:int}/trust")]
    [ProducesResponseType<UserResponse>(200)]
    public Task<IActionResult> Trust(int id, CancellationToken ct) => SetTrustAsync(id, true, ct);

    [HttpPost("{id:int}/untrust")]
    [ProducesResponseType<UserResponse>(200)]
    public Task<IActionResult> Untrust(int id, CancellationToken ct) => SetTrustAsync(id, false, ct);

    private async Task<IActionResult> SetTrustAsync(int id, bool trusted, CancellationToken ct) =>
        Respond(await accounts.TrustAsync(id, trusted, ct));

    private IActionResult Respond(Outcome<User> result) => result.ToResult(user => Ok(UserResponse.From(user)));
}
