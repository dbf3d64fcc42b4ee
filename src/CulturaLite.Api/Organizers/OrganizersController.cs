using CulturaLite.Api.Events;
using CulturaLite.Api.Sharing;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Organizers;

/// <summary>Organizer profiles: the API's and the page for people and search engines (Organization JSON-LD). Cached and evicted with the public list.</summary>
[AllowAnonymous]
[Tags("Organizers")]
[OutputCache(PolicyName = PublicCache.OnePolicy)]
public sealed class OrganizersController(OrganizerProfiles profiles, IOptions<SiteOptions> site) : Controller
{
    [HttpGet("api/organizers/{slug}")]
    [ProducesResponseType<OrganizerProfileResponse>(200)]
    public async Task<IActionResult> Get(string slug, CancellationToken ct) =>
        await profiles.FindAsync(slug, ct) is { } profile ? Ok(profile) : ProblemConventions.NotFound("No organizer matches the given slug.");

    /// <summary>The organizer's page: who they are and their upcoming events.</summary>
    [HttpGet("o/{slug}")]
    [Produces("text/html")]
    public async Task<IActionResult> Page(string slug, CancellationToken ct)
    {
        if (await profiles.FindAsync(slug, ct) is not { } profile)
        {
            var missing = View("~/Sharing/NotFoundPage.cshtml");
            missing.StatusCode = StatusCodes.Status404NotFound;
            return missing;
        }
        var s = site.Value;
        var events = await profiles.Upcoming(profile.Id).Take(OrganizerProfiles.PageEvents).Select(SharedEvent.Projection).ToListAsync(ct);
        return View("~/Organizers/OrganizerPage.cshtml", new OrganizerPageModel(profile, s.OrganizerUrl(Request, slug), events, id => s.ShareUrl(Request, id), s.Zone));
    }
}
