using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

using UserAccount = CulturaLite.Api.Accounts.User;

namespace CulturaLite.Api.Accounts;

/// <summary>The caller's own account.</summary>
[ApiController]
[Authorize]
[Route("api/auth/me")]
[Tags("Accounts")]
public sealed class MeController(AppDbContext db, Events.CityResolver cities) : ControllerBase
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
        var errors = new FieldErrors();
        var first = errors.Text("first_name", request?.FirstName, UserAccount.NameMaxLength, required: false);
        var last = errors.Text("last_name", request?.LastName, UserAccount.NameMaxLength, required: false);
        var organization = errors.Text("organization_name", request?.OrganizationName, UserAccount.OrganizationMaxLength, required: false, allowBlank: true);
        var description = errors.Text("organization_description", request?.OrganizationDescription, UserAccount.OrganizationDescriptionMaxLength, required: false, allowBlank: true);
        var website = errors.Text("website", request?.Website, 500, required: false, allowBlank: true);
        if (website is { Length: > 0 })
        {
            errors.HttpUrl("website", website);
        }
        var city = errors.Text("city", request?.City, Events.Event.CityMaxLength, required: false, allowBlank: true);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var me = await db.Users.FirstOrDefaultAsync(u => u.Id == User.UserId(), ct);
        if (me is null)
        {
            return ProblemConventions.Status(401, "User not found");
        }
        me.UpdateProfile(first, last, organization);
        me.UpdateOrganizer(description, website, city is { Length: > 0 } typed ? (await cities.GetAsync(ct)).Resolve(typed).Name : city);
        await db.SaveChangesAsync(ct);
        return Ok(UserResponse.From(me));
    }
}
