using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Sharing;

/// <summary>
/// Calendar and RSS feeds of what `/api/events/` lists for the same filters, in the same order; cached,
/// evicted and validated (ETag, 304) exactly as the list.
/// </summary>
[ApiController]
[AllowAnonymous]
[Route("api/events")]
[Tags("Feeds and sharing")]
[OutputCache(PolicyName = PublicCache.FeedPolicy)]
public sealed class FeedsController(AppDbContext db, PublicListing listing, TimeProvider clock, IOptions<SiteOptions> site, Media.IImageStorage storage) : ControllerBase
{
    public const int MaxCalendarEvents = 500;
    public const int MaxRssItems = 100;

    /// <summary>iCalendar of the listed events (at most 500): subscribe to it in a calendar app.</summary>
    [HttpGet("feed.ics")]
    [Produces(CalendarFeed.ContentType)]
    public async Task<IActionResult> Calendar(CancellationToken ct)
    {
        var selected = await listing.SelectAsync(Request.Query, ct, hidesCancelled: false);
        if (selected.Value is not { } selection)
        {
            return selected.ToProblem();
        }
        var events = Localized(await listing.TopAsync(selection, MaxCalendarEvents, SharedEvent.Projection, ct));
        return Content(CalendarFeed.Write(events, Host, Share, clock.GetUtcNow().UtcDateTime, "CulturaLite events"), CalendarFeed.ContentType);
    }

    /// <summary>One approved event as an iCalendar file to add to a calendar.</summary>
    [HttpGet("{id:int}/ics")]
    [Produces(CalendarFeed.ContentType)]
    [OutputCache(PolicyName = PublicCache.OnePolicy)]
    public async Task<IActionResult> OneEvent(int id, CancellationToken ct)
    {
        var e = await db.Events.AsNoTracking().Where(e => e.Id == id).Where(Event.IsPublic).Select(SharedEvent.Projection).FirstOrDefaultAsync(ct);
        if (e is null)
        {
            return ProblemConventions.NotFound("No approved event matches the given id.");
        }
        e = e.In(LanguageChoice.Preferences(Request, site.Value.EventLanguages));
        // An ASCII name every client saves, and the title itself for those that read filename*.
        Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
        {
            FileName = $"{e.Slug}.ics",
            FileNameStar = $"{e.Title}.ics",
        }.ToString();
        return Content(CalendarFeed.Write([e], Host, Share, clock.GetUtcNow().UtcDateTime, e.Title), CalendarFeed.ContentType);
    }

    /// <summary>RSS 2.0 of the listed events (at most 100).</summary>
    [HttpGet("feed.rss")]
    [Produces(RssFeed.ContentType)]
    public async Task<IActionResult> Rss(CancellationToken ct)
    {
        var selected = await listing.SelectAsync(Request.Query, ct, hidesCancelled: false);
        if (selected.Value is not { } selection)
        {
            return selected.ToProblem();
        }
        var events = Localized(await listing.TopAsync(selection, MaxRssItems, SharedEvent.Projection, ct));
        var self = Pagination.CanonicalUrl(Request, site.Value.BaseUrl(Request), PublicCache.FeedLinkKeys);
        return Content(RssFeed.Write(events, Host, Share, self, site.Value.BaseUrl(Request), "CulturaLite events",
            e => e.ImageKey?.Split('|')[0] is { Length: > 0 } key ? storage.LengthOf(key) : null), RssFeed.ContentType);
    }

    /// <summary>Each event in the visitor's language (`lang`, else Accept-Language) when it has it.</summary>
    private List<SharedEvent> Localized(List<SharedEvent> events)
    {
        var wanted = LanguageChoice.Preferences(Request, site.Value.EventLanguages);
        return events.Select(e => e.In(wanted)).ToList();
    }

    private string Host => new Uri(site.Value.BaseUrl(Request)).Host;

    private string Share(int id) => site.Value.ShareUrl(Request, id);
}
