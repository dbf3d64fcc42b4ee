using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Portal.Pages;

/// <summary>The organizer profile (names, organization, its description, website and city), saved by the API's own rule (<see cref="ProfileUpdate"/>).</summary>
public sealed class ProfileModel(AppDbContext db, ProfileUpdate profile) : PortalPageModel
{
    [BindProperty(Name = "first_name")]
    public string? FirstName { get; set; }

    [BindProperty(Name = "last_name")]
    public string? LastName { get; set; }

    [BindProperty(Name = "organization_name")]
    public string? OrganizationName { get; set; }

    [BindProperty(Name = "organization_description")]
    public string? OrganizationDescription { get; set; }

    [BindProperty(Name = "website")]
    public string? Website { get; set; }

    [BindProperty(Name = "city")]
    public string? City { get; set; }

    public string? Slug { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == Me, ct);
        if (me is null)
        {
            return NotFound();
        }
        (FirstName, LastName, OrganizationName, OrganizationDescription, Website, City, Slug) =
            (me.FirstName, me.LastName, me.OrganizationName, me.OrganizationDescription, me.Website, me.City, me.Slug);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // A form sends every field: an empty optional one clears it, as "" does in the API.
        var saved = await profile.ApplyAsync(Me, new UpdateMeRequest(FirstName ?? "", LastName ?? "", OrganizationName ?? "")
        {
            OrganizationDescription = OrganizationDescription ?? "",
            Website = Website ?? "",
            City = City ?? "",
        }, ct);
        if (!saved.Succeeded)
        {
            Slug = await db.Users.Where(u => u.Id == Me).Select(u => u.Slug).FirstOrDefaultAsync(ct);
            return Failed(saved);
        }
        return DoneThen("Your profile is saved.", "/vendor/profile");
    }
}
