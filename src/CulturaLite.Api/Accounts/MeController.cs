using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Accounts;

/// <summary>The caller's own account.</summary>
[ApiController]
[Authorize]
[Route("api/auth/me")]
[Tags("Accounts")]
public sealed class MeController(AppDbContext db, ProfileUpdate profile) : ControllerBase
{
    [HttpGet]
    [ProducesResponseType<UserResponse>(200)]
    public async Task<IActionResult> Get(CancellationToken ct)
    {
        var me = await db.Users.AsNoTracking().Where(u => u.Id == User.UserId()).Select(UserResponse.Projection).FirstOrDefaultAsync(ct);
        return me is null ? ProblemConventions.Status(401, "User not found") : Ok(me);
    }

    /// <summary>
    /// Updates `first_name`, `last_name`, `organization_name` and the organizer profile (`organization_description`,
    /// `website`, `city`; "" clears one); other members are ignored.
    /// </summary>
    [HttpPatch]
    [ProducesResponseType<UserResponse>(200)]
    public async Task<IActionResult> Patch(UpdateMeRequest? request, CancellationToken ct)
    {
        var updated = await profile.ApplyAsync(User.UserId(), request, ct);
        return updated.Failure == Failure.NotFound ? ProblemConventions.Status(401, "User not found") : updated.ToResult(me => Ok(UserResponse.From(me)));
    }
}
