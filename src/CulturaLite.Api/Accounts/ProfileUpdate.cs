using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Accounts;

/// <summary>
/// The caller's names and organizer profile, for `PATCH /api/auth/me/` and the portal's profile page: each member
/// given is checked and set ("" clears an optional one), the city made canonical; members not given keep their value.
/// </summary>
public sealed class ProfileUpdate(AppDbContext db, Events.CityResolver cities)
{
    public async Task<Outcome<User>> ApplyAsync(int userId, UpdateMeRequest? request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var first = errors.Text("first_name", request?.FirstName, User.NameMaxLength, required: false);
        var last = errors.Text("last_name", request?.LastName, User.NameMaxLength, required: false);
        var organization = errors.Text("organization_name", request?.OrganizationName, User.OrganizationMaxLength, required: false, allowBlank: true);
        var description = errors.Text("organization_description", request?.OrganizationDescription, User.OrganizationDescriptionMaxLength, required: false, allowBlank: true);
        var website = errors.Text("website", request?.Website, 500, required: false, allowBlank: true);
        if (website is { Length: > 0 })
        {
            errors.HttpUrl("website", website);
        }
        var city = errors.Text("city", request?.City, Events.Event.CityMaxLength, required: false, allowBlank: true);
        if (errors.Any)
        {
            return Outcome<User>.Invalid(errors);
        }
        var me = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (me is null)
        {
            return Outcome<User>.NotFound("User not found");
        }
        me.UpdateProfile(first, last, organization);
        me.UpdateOrganizer(description, website, city is { Length: > 0 } typed ? (await cities.GetAsync(ct)).Resolve(typed).Name : city);
        await db.SaveChangesAsync(ct);
        return Outcome<User>.Done(me);
    }
}
