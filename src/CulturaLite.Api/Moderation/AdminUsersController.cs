using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Moderation;

/// <summary>Accounts administration: list, deactivate (which also ends every session) and activate.</summary>
[ApiController]
[Authorize(Policies.Admin)]
[Route("api/admin/users")]
[Tags("Moderation")]
public sealed class AdminUsersController(AppDbContext db, RefreshTokenFamily tokens, UserStatusCache statuses) : ControllerBase
{
    /// <summary>Accounts, newest first; filters `role`, `is_active`, `search` (email or name).</summary>
    [HttpGet]
    [ProducesResponseType<Page<UserResponse>>(200)]
    public async Task<IActionResult> List(CancellationToken ct)
    {
        var users = db.Users.AsNoTracking();
        var role = Request.Query["role"].ToString();
        if (role is Roles.Admin or Roles.Vendor)
        {
            users = users.Where(u => u.Role == role);
        }
        var active = Request.Query["is_active"].ToString().ToLowerInvariant();
        if (active is "true" or "1" or "false" or "0")
        {
            var isActive = active is "true" or "1";
            users = users.Where(u => u.IsActive == isActive);
        }
        var search = Request.Query["search"].ToString().Replace("\0", "").Trim();
        if (search.Length > 0)
        {
            var folded = search.ToLowerInvariant();
            users = users.Where(u => u.NormalizedEmail.Contains(folded) || u.Name.ToLower().Contains(folded) || u.OrganizationName.ToLower().Contains(folded));
        }
        var page = await users.OrderByDescending(u => u.DateJoined).ThenByDescending(u => u.Id)
            .Select(UserResponse.Projection).ToPageAsync(Request, ct);
        return page is null ? Pagination.InvalidPage() : Ok(page);
    }

    /// <summary>Deactivates an account: its refresh tokens are revoked and its access tokens refused from now on.</summary>
    [HttpPost("{id:int}/deactivate")]
    [ProducesResponseType<UserResponse>(200)]
    public async Task<IActionResult> Deactivate(int id, CancellationToken ct)
    {
        if (id == User.UserId())
        {
            return ProblemConventions.Conflict("You cannot deactivate your own account.");
        }
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return ProblemConventions.NotFound("No user matches the given id.");
        }
        user.Deactivate();
        await db.SaveChangesAsync(ct);
        await tokens.RevokeAllForUserAsync(id, ct);
        statuses.Forget(id);
        return Ok(UserResponse.From(user));
    }

    [HttpPost("{id:int}/activate")]
    [ProducesResponseType<UserResponse>(200)]
    public async Task<IActionResult> Activate(int id, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return ProblemConventions.NotFound("No user matches the given id.");
        }
        user.Activate();
        await db.SaveChangesAsync(ct);
        statuses.Forget(id);
        return Ok(UserResponse.From(user));
    }
}
