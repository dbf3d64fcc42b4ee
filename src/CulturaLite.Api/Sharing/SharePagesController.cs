using System.Globalization;
using System.Text;
using System.Xml;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Media;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace CulturaLite.Api.Sharing;

/// <summary>
/// Server-rendered pages for people and link previews (WhatsApp, Telegram, X, search engines): the
/// frontend renders in the browser, so a shared link to it previews as nothing; these do not.
/// Cached and evicted with the public list.
/// </summary>
[AllowAnonymous]
[Tags("Feeds and sharing")]
[OutputCache(PolicyName = PublicCache.OnePolicy)]
public sealed class SharePagesController(
    AppDbContext db, TimeProvider clock, IOptions<SiteOptions> site, ImageProcessor images, IImageStorage storage, IOptions<MediaOptions> media) : Controller
{
    public const int OgWidth = 1200;
    public const int OgHeight = 630;
    public const int SitemapSize = 50_000;

    /// <summary>The event's share page (HTML with Open Graph, Twitter card and schema.org Event); a 404 page when not public.</summary>
    [HttpGet("e/{id}")]
    [Produces("text/html")]
    public async Task<IActionResult> Page(string id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } e)
        {
            return NotFoundPage();
        }
        var s = site.Value;
        var share = s.ShareUrl(Request, e.Id);
        var available = e.AvailableLanguages;
        var shown = e.In(LanguageChoice.Preferences(Request, s.EventLanguages));
        return View("~/Sharing/SharePage.cshtml", new SharePageModel(shown, share, share + "/og.jpg", s.FrontendUrl(e.Id), s.Zone)
        {
            Alternates = available.Count > 1 ? available : [],
            OrganizerUrl = e.OrganizerSlug is { } slug ? s.OrganizerUrl(Request, slug) : null,
            Region = BundledCities.States.GetValueOrDefault(e.City),
            FestivalUrl = e.Festival is { } festival ? $"{s.BaseUrl(Request)}/f/{festival.Id}" : null,
        });
    }

    /// <summary>A festival's share page: Open Graph, and schema.org Event JSON-LD with its events as `subEvent`; a 404 page when not public.</summary>
    [HttpGet("f/{id}")]
    [Produces("text/html")]
    public async Task<IActionResult> FestivalPage(string id, CancellationToken ct)
    {
        var festival = int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var festivalId)
            ? await db.Festivals.AsNoTracking().Where(f => f.Id == festivalId).Where(Festivals.Festival.IsPublic).Select(Festivals.FestivalResponse.Projection).FirstOrDefaultAsync(ct)
            : null;
        if (festival is null)
        {
            return NotFoundPage();
        }
        var s = site.Value;
        var wanted = LanguageChoice.Preferences(Request, s.EventLanguages);
        var events = (await db.Events.AsNoTracking().Where(e => e.FestivalId == festivalId).Where(Event.IsPublic)
            .OrderBy(e => e.EventDate).ThenBy(e => e.Id).Take(FestivalPageModel.MaxEvents).Select(SharedEvent.Projection).ToListAsync(ct))
            .ConvertAll(e => e.In(wanted));
        var url = $"{s.BaseUrl(Request)}/f/{festivalId}";
        return View("~/Sharing/FestivalPage.cshtml", new FestivalPageModel(festival.Linked(s, Request), url, s.Zone,
            events.ConvertAll(e => new SharePageModel(e, s.ShareUrl(Request, e.Id), s.ShareUrl(Request, e.Id) + "/og.jpg", s.FrontendUrl(e.Id), s.Zone)
            {
                OrganizerUrl = e.OrganizerSlug is { } slug ? s.OrganizerUrl(Request, slug) : null,
                Region = BundledCities.States.GetValueOrDefault(e.City),
            })));
    }

    /// <summary>The 1200x630 JPEG preview: the event's image cover-cropped, or a drawn card for an external image.</summary>
    [HttpGet("e/{id}/og.jpg")]
    [Produces("image/jpeg")]
    public Task<IActionResult> OgImage(string id, CancellationToken ct) => CroppedAsync(id, OgWidth, OgHeight, ct);

    /// <summary>
    /// The crops search engines ask for (16:9, 4:3, 1:1), 1200 pixels wide (narrower only when the original is), made from
    /// the stored original like the preview.
    /// </summary>
    [HttpGet("e/{id}/image-{ratio}.jpg")]
    [Produces("image/jpeg")]
    public async Task<IActionResult> Crop(string id, string ratio, CancellationToken ct)
    {
        if (!Crops.TryGetValue(ratio, out var shape))
        {
            return NotFoundPage();
        }
        var original = int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var eventId)
            ? await db.Events.AsNoTracking().Where(e => e.Id == eventId).Select(e => e.Images).FirstOrDefaultAsync(ct)
            : null;
        var width = original is { Width: > 0 and < CropWidth } ? original.Width : CropWidth;
        return await CroppedAsync(id, width, width * shape.Height / shape.Width, ct);
    }

    public const int CropWidth = 1200;

    /// <summary>The crops by their names in the URL.</summary>
    public static readonly IReadOnlyDictionary<string, (int Width, int Height)> Crops = new Dictionary<string, (int, int)>
    {
        ["16x9"] = (16, 9),
        ["4x3"] = (4, 3),
        ["1x1"] = (1, 1),
    };

    private async Task<IActionResult> CroppedAsync(string id, int width, int height, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } found)
        {
            return NotFoundPage();
        }
        var e = found.In(LanguageChoice.Preferences(Request, site.Value.EventLanguages));
        byte[]? jpeg = null;
        if (e.ImageKey?.Split('|')[0] is { Length: > 0 } key
            && await storage.ReadAsync(key, e.ImageUrl, media.Value.MaxImageBytes, ct) is { } stored)
        {
            using var data = SKData.CreateCopy(stored);
            jpeg = await images.CoverAsync(data, width, height, ct);
        }
        if (jpeg is null)
        {
            var day = TimeZoneInfo.ConvertTimeFromUtc(e.EventDate, site.Value.Zone).ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);
            jpeg = Posters.DrawJpeg(e.Title, $"{day} · {e.City}", e.Category, e.Id, width, height);
        }
        // Short: once the event is hidden or deleted, downstream caches must let go of its images soon.
        Response.Headers.CacheControl = "public, max-age=300";
        return File(jpeg, "image/jpeg");
    }

    /// <summary>
    /// Sitemap of the share pages of upcoming approved events and of their organizers' pages; an index of sitemaps
    /// (events in parts of 50,000, then the organizers) beyond 50,000.
    /// </summary>
    [HttpGet("sitemap.xml")]
    [Produces("application/xml")]
    public async Task<IActionResult> Sitemap(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var count = await Upcoming(now).CountAsync(ct);
        var organizers = await Upcoming(now).Where(e => e.Vendor.Slug != null).Select(e => e.Vendor.Slug).Distinct().CountAsync(ct);
        if (count + organizers <= SitemapSize)
        {
            var pages = await Upcoming(now).OrderBy(e => e.Id).Select(e => new { e.Id, e.UpdatedAt }).ToListAsync(ct);
            var slugs = await OrganizersAsync(now, ct);
            var festivals = await FestivalsAsync(now, ct);
            return Xml(w => UrlSet(w, pages.Select(p => (site.Value.ShareUrl(Request, p.Id), p.UpdatedAt))
                .Concat(slugs.Select(o => (site.Value.OrganizerUrl(Request, o.Slug), o.LastModified))).Concat(festivals)));
        }
        var baseUrl = site.Value.BaseUrl(Request);
        return Xml(w =>
        {
            w.WriteStartElement("sitemapindex", SitemapNs);
            var parts = (count + SitemapSize - 1) / SitemapSize;
            foreach (var loc in Enumerable.Range(1, parts).Select(part => $"{baseUrl}/sitemap-{part}.xml").Append($"{baseUrl}/sitemap-organizers.xml"))
            {
                w.WriteStartElement("sitemap", SitemapNs);
                w.WriteElementString("loc", SitemapNs, loc);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        });
    }

    /// <summary>One part of a sitemap index (50,000 share pages each).</summary>
    [HttpGet("sitemap-{part:int}.xml")]
    [Produces("application/xml")]
    public async Task<IActionResult> SitemapPartAsync(int part, CancellationToken ct)
    {
        if (part < 1 || part > int.MaxValue / SitemapSize)
        {
            return NotFoundPage();
        }
        var pages = await Upcoming(clock.GetUtcNow().UtcDateTime).OrderBy(e => e.Id)
            .Skip((part - 1) * SitemapSize).Take(SitemapSize).Select(e => new { e.Id, e.UpdatedAt }).ToListAsync(ct);
        if (pages.Count == 0 && part > 1)
        {
            return NotFoundPage();
        }
        return Xml(w => UrlSet(w, pages.Select(p => (site.Value.ShareUrl(Request, p.Id), p.UpdatedAt))));
    }

    /// <summary>The organizer pages of a sitemap index.</summary>
    [HttpGet("sitemap-organizers.xml")]
    [Produces("application/xml")]
    public async Task<IActionResult> SitemapOrganizersAsync(CancellationToken ct)
    {
        var slugs = await OrganizersAsync(clock.GetUtcNow().UtcDateTime, ct);
        var festivals = await FestivalsAsync(clock.GetUtcNow().UtcDateTime, ct);
        return Xml(w => UrlSet(w, slugs.Select(o => (site.Value.OrganizerUrl(Request, o.Slug), o.LastModified)).Concat(festivals)));
    }

    private static void UrlSet(XmlWriter w, IEnumerable<(string Loc, DateTime LastModified)> urls)
    {
        w.WriteStartElement("urlset", SitemapNs);
        foreach (var (loc, lastModified) in urls)
        {
            w.WriteStartElement("url", SitemapNs);
            w.WriteElementString("loc", SitemapNs, loc);
            w.WriteElementString("lastmod", SitemapNs, lastModified.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private sealed record OrganizerEntry(string Slug, DateTime LastModified);

    /// <summary>The organizers with an upcoming public event (at most a sitemap's worth), each last modified when its newest-changed such event was.</summary>
    private async Task<List<OrganizerEntry>> OrganizersAsync(DateTime now, CancellationToken ct) =>
        (await Upcoming(now).Where(e => e.Vendor.Slug != null).GroupBy(e => e.Vendor.Slug!)
            .Select(g => new { Slug = g.Key, LastModified = g.Max(e => e.UpdatedAt) }).OrderBy(o => o.Slug).Take(SitemapSize).ToListAsync(ct))
        .ConvertAll(o => new OrganizerEntry(o.Slug, o.LastModified));

    /// <summary>The pages of public festivals not yet over (at most a sitemap's worth).</summary>
    private async Task<List<(string Loc, DateTime LastModified)>> FestivalsAsync(DateTime now, CancellationToken ct) =>
        (await db.Festivals.AsNoTracking().Where(Festivals.Festival.IsPublic).Where(f => f.EndDate >= now).OrderBy(f => f.Id).Take(SitemapSize)
            .Select(f => new { f.Id, f.UpdatedAt }).ToListAsync(ct))
        .ConvertAll(f => ($"{site.Value.BaseUrl(Request)}/f/{f.Id}", f.UpdatedAt));

    private const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private IQueryable<Event> Upcoming(DateTime now) => db.Events.AsNoTracking().Where(Event.IsPublic).Where(e => e.EventDate >= now);

    private async Task<SharedEvent?> FindAsync(string id, CancellationToken ct) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var eventId)
            ? await db.Events.AsNoTracking().Where(e => e.Id == eventId).Where(Event.IsPublic).Select(SharedEvent.Projection).FirstOrDefaultAsync(ct)
            : null;

    private ViewResult NotFoundPage()
    {
        var view = View("~/Sharing/NotFoundPage.cshtml");
        view.StatusCode = StatusCodes.Status404NotFound;
        return view;
    }

    private static ContentResult Xml(Action<XmlWriter> write)
    {
        var sb = new StringBuilder();
        using (var writer = XmlWriter.Create(new Utf8StringWriter(sb), new XmlWriterSettings { Encoding = Encoding.UTF8 }))
        {
            write(writer);
        }
        return new ContentResult { Content = sb.ToString(), ContentType = "application/xml; charset=utf-8" };
    }

    private sealed class Utf8StringWriter(StringBuilder sb) : StringWriter(sb, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
