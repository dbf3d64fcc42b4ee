using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CulturaLite.Api.Moderation;

/// <summary>Accounts administration: list, deactivate (which also ends every session) and activate.</summary>
[ApiController]
[Authorize(Policies.Admin)]
[Route("api/admin/users")]
[Tags("Moderation")]
public sealed class AdminUsersController(AccountAdministration accounts, AppDbContext db, AuditLog audit) : ControllerBase
{
    /// <summary>Accounts, newest first; filters `role`, `is_active`, `search` (email or name).</summary>
    [HttpGet]
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
        await AuditedAsync("user.deactivate", id, await accounts.DeactivateAsync(id, User.UserId(), ct), ct);

    [HttpPost("{id:int}/activate")]
    [ProducesResponseType<UserResponse>(200)]
    public async Task<IActionResult> Activate(int id, CancellationToken ct) =>
        await AuditedAsync("user.activate", id, await accounts.ActivateAsync(id, ct), ct);

    private async Task<IActionResult> AuditedAsync(string action, int id, (AccountChange Change, User? User) result, CancellationToken ct)
    {
        if (result.Change == AccountChange.Done)
        {
            await audit.RecordAsync(action, "user", id, new { result.User!.Email }, ct: ct);
            await db.SaveChangesAsync(ct);
        }
        return Respond(result);
    }

    /// <summary>Trusts a vendor: their new and edited events are approved at once, marked `auto_approved` for a later look.</summary>
    [HttpPost("{id:int}/trust")]
    [ProducesResponseType<UserResponse>(200)]
    public Task<IActionResult> Trust(int id, CancellationToken ct) => SetTrustAsync(id, true, ct);

    [HttpPost("{id:int}/untrust")]
    [ProducesResponseType<UserResponse>(200)]
    public Task<IActionResult> Untrust(int id, CancellationToken ct) => SetTrustAsync(id, false, ct);

    private async Task<IActionResult> SetTrustAsync(int id, bool trusted, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return ProblemConventions.NotFound("No user matches the given id.");
        }
        user.Trust(trusted);
        await audit.RecordAsync(trusted ? "user.trust" : "user.untrust", "user", id, new { user.Email }, ct: ct);
        await db.SaveChangesAsync(ct);
        return Ok(UserResponse.From(user));
    }

    private IActionResult Respond((AccountChange Change, User? User) result) => result.Change switch
    {
        AccountChange.Self => ProblemConventions.Conflict("You cannot deactivate your own account."),
        AccountChange.NotFound => ProblemConventions.NotFound("No user matches the given id."),
        _ => Ok(UserResponse.From(result.User!)),
    };
}
