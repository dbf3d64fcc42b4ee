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
        });
    }

    /// <summary>The 1200x630 JPEG preview: the event's image cover-cropped, or a drawn card for an external image.</summary>
    [HttpGet("e/{id}/og.jpg")]
    [Produces("image/jpeg")]
    public async Task<IActionResult> OgImage(string id, CancellationToken ct)
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
            jpeg = await images.CoverAsync(data, OgWidth, OgHeight, ct);
        }
        if (jpeg is null)
        {
            var day = TimeZoneInfo.ConvertTimeFromUtc(e.EventDate, site.Value.Zone).ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);
            jpeg = Posters.DrawJpeg(e.Title, $"{day} · {e.City}", e.Category, e.Id, OgWidth, OgHeight);
        }
        // Short: once the event is hidden or deleted, downstream caches must let go of its preview soon.
        Response.Headers.CacheControl = "public, max-age=300";
        return File(jpeg, "image/jpeg");
    }

    /// <summary>Sitemap of the share pages of upcoming approved events; an index of sitemaps beyond 50,000.</summary>
    [HttpGet("sitemap.xml")]
    [Produces("application/xml")]
    public async Task<IActionResult> Sitemap(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var count = await Upcoming(now).CountAsync(ct);
        if (count <= SitemapSize)
        {
            return await SitemapPartAsync(1, ct);
        }
        var baseUrl = site.Value.BaseUrl(Request);
        return Xml(w =>
        {
            w.WriteStartElement("sitemapindex", SitemapNs);
            for (var part = 1; part <= (count + SitemapSize - 1) / SitemapSize; part++)
            {
                w.WriteStartElement("sitemap", SitemapNs);
                w.WriteElementString("loc", SitemapNs, $"{baseUrl}/sitemap-{part}.xml");
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
        return Xml(w =>
        {
            w.WriteStartElement("urlset", SitemapNs);
            foreach (var p in pages)
            {
                w.WriteStartElement("url", SitemapNs);
                w.WriteElementString("loc", SitemapNs, site.Value.ShareUrl(Request, p.Id));
                w.WriteElementString("lastmod", SitemapNs, p.UpdatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                w.WriteEndElement();
            }
            w.WriteEndElement();
        });
    }

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
