using CulturaLite.Api.Data;
using CulturaLite.Api.Sharing;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Events;

/// <summary>A public series: its rule and its upcoming dates, and its calendar with the rule itself.</summary>
[ApiController]
[AllowAnonymous]
[Route("api/series")]
[Tags("Public discovery")]
[OutputCache(PolicyName = PublicCache.OnePolicy)]
public sealed class SeriesController(AppDbContext db, TimeProvider clock, IOptions<SiteOptions> site) : ControllerBase
{
    private const string NotFoundText = "No public series matches the given id.";

    /// <summary>The series with its upcoming public dates, each a public event item.</summary>
    [HttpGet("{id:int}")]
    [ProducesResponseType<SeriesResponse>(200)]
    [ProducesResponseType(404)]
    public async Task<IActionResult> Get(int id, CancellationToken ct)
    {
        var series = await PublicSeries(id).AsNoTracking().FirstOrDefaultAsync(ct);
        if (series is null)
        {
            return ProblemConventions.NotFound(NotFoundText);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var wanted = LanguageChoice.Preferences(Request, site.Value.EventLanguages);
        var items = await db.Events.AsNoTracking().Where(e => e.SeriesId == id && e.EventDate >= now).Where(Event.IsPublic)
            .OrderBy(e => e.EventDate).ThenBy(e => e.Id).Take(Recurrence.MaxOccurrences).Select(EventResponse.Projection).ToListAsync(ct);
        items = (await SeriesDates.FillAsync(db, items, now, ct)).Select(e => e.In(wanted).Linked(site.Value, Request)).ToList();
        var head = await db.Events.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.Title, e.Language, e.Translations }).FirstAsync(ct);
        var title = LanguageChoice.Choose(wanted, head.Language, new EventText(head.Title, ""), head.Translations).Text.Title;
        return Ok(new SeriesResponse(series.Id, title, series.Rule, series.Exdates, series.OccurrenceCount,
            items.Where(e => e.Standing.EventStatus != EventLifecycle.Cancelled).Select(e => e.EventDate).Take(SeriesDates.NextCount).ToList(), items));
    }

    /// <summary>The series as one calendar entry: `RRULE` and `EXDATE`, and each date moved or cancelled alone as a `RECURRENCE-ID` entry.</summary>
    [HttpGet("{id:int}/ics")]
    [Produces(CalendarFeed.ContentType)]
    public async Task<IActionResult> Calendar(int id, CancellationToken ct)
    {
        var series = await PublicSeries(id).AsNoTracking().FirstOrDefaultAsync(ct);
        if (series is null)
        {
            return ProblemConventions.NotFound(NotFoundText);
        }
        var wanted = LanguageChoice.Preferences(Request, site.Value.EventLanguages);
        // The first date and every date moved or cancelled alone, with the start the rule gave each.
        var starts = await db.Events.AsNoTracking()
            .Where(e => e.SeriesId == id && (e.Id == id || ((e.DateOverridden || e.Lifecycle != EventLifecycle.Scheduled) && e.Status == EventStatus.Approved && !e.HiddenByReports)))
            .OrderBy(e => e.OccurrenceStart).Take(Recurrence.MaxOccurrences + 1)
            .Select(e => new { e.Id, e.OccurrenceStart, e.EventDate }).ToListAsync(ct);
        var ids = starts.Select(s => s.Id).ToList();
        var shared = await db.Events.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(SharedEvent.Projection).ToDictionaryAsync(e => e.Id, ct);
        var first = starts.Single(s => s.Id == id);
        var host = new Uri(site.Value.BaseUrl(Request)).Host;
        var entry = new CalendarFeed.SeriesEntry(shared[id].In(wanted), first.OccurrenceStart ?? first.EventDate, series.Recurrence,
            starts.Where(s => s.Id != id).Select(s => (shared[s.Id].In(wanted), s.OccurrenceStart ?? s.EventDate)).ToList());
        Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
        {
            FileName = $"series-{id}.ics",
        }.ToString();
        return Content(CalendarFeed.WriteSeries(entry, $"series-{id}@{host}", i => site.Value.ShareUrl(Request, i), clock.GetUtcNow().UtcDateTime, site.Value.Zone),
            CalendarFeed.ContentType);
    }

    /// <summary>A series at least one of whose dates the public may see.</summary>
    private IQueryable<EventSeries> PublicSeries(int id) =>
        db.EventSeries.Where(s => s.Id == id && db.Events.Where(Event.IsPublic).Any(e => e.SeriesId == s.Id));
}

/// <summary>`GET /api/series/{id}/`: the rule, its skipped dates, how many dates, the next ones, and the upcoming dates as items.</summary>
public sealed record SeriesResponse(int Id, string Title, string Rule, IReadOnlyList<string> Exdates, int OccurrenceCount,
    IReadOnlyList<DateTime> NextDates, IReadOnlyList<EventResponse> Occurrences);
