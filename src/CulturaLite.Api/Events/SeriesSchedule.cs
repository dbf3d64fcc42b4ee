using CulturaLite.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Events;

/// <summary>
/// Keeps a series' dates (its member events) in step with its first date, the one the vendor edits and the admins
/// decide on. The rules (README "Recurring events"): every date follows the first's text, facts and decision; an
/// edit of the rule changes only dates still to come (a date that has passed keeps its day and stays in the
/// series); a date that stays in the rule keeps its id and a move made to it alone; dates the rule no longer gives
/// take the new dates in order (so links shared for them still open a date of the series), and any left over are
/// deleted.
/// </summary>
public sealed class SeriesSchedule(AppDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Makes the saved event <paramref name="head"/> the first of a series with <paramref name="dates"/> (the first
    /// is its own) and adds the others, in the pending save.
    /// </summary>
    public void Start(Event head, Recurrence recurrence, IReadOnlyList<DateTime> dates)
    {
        var now = Now;
        var series = EventSeries.Start(head.Id, recurrence, now);
        db.EventSeries.Add(series);
        head.PlaceAt(head, dates[0]);
        head.StartSeries(series, dates[0]);
        foreach (var date in dates.Skip(1))
        {
            db.Events.Add(Event.Occurrence(head, date, now));
        }
        series.Counted(dates.Count);
    }

    /// <summary>
    /// After an edit of the first date (already applied to it, with its automatic approval if any): every other date
    /// takes its content and state, and the dates follow <paramref name="recurrence"/>'s <paramref name="dates"/>
    /// from now on. <paramref name="startMoved"/>: the edit gave a new `event_date`, the series' new first date.
    /// </summary>
    public async Task ResyncAsync(Event head, Recurrence recurrence, IReadOnlyList<DateTime> dates, bool startMoved, CancellationToken ct)
    {
        var now = Now;
        var series = head.Series ?? await db.EventSeries.FirstAsync(s => s.Id == head.Id, ct);
        series.Change(recurrence, now);
        if (startMoved)
        {
            head.PlaceAt(head, dates[0]);
        }
        var members = await db.Events.Where(m => m.SeriesId == series.Id && m.Id != head.Id).OrderBy(m => m.EventDate).ThenBy(m => m.Id).ToListAsync(ct);
        var toCome = new List<DateTime>(dates.Where(d => d >= now && d != head.OccurrenceStart));
        var wanted = toCome.ToHashSet();
        // A date that has passed keeps the rule's date it was given: it is not made again.
        foreach (var m in members.Where(m => m.EventDate < now && m.OccurrenceStart is not null))
        {
            wanted.Remove(m.OccurrenceStart!.Value);
        }
        var free = new List<Event>();
        foreach (var m in members.Where(m => m.EventDate >= now))
        {
            if (m.OccurrenceStart is { } start && wanted.Remove(start))
            {
                if (!m.DateOverridden)
                {
                    m.PlaceAt(head, start);
                }
            }
            else
            {
                free.Add(m);
            }
        }
        var kept = members.Count;
        foreach (var date in toCome.Where(wanted.Contains))
        {
            if (free.Count > 0)
            {
                free[0].PlaceAt(head, date);
                free.RemoveAt(0);
            }
            else
            {
                db.Events.Add(Event.Occurrence(head, date, now));
                kept++;
            }
        }
        foreach (var m in free)
        {
            db.Events.Remove(m);
            kept--;
        }
        foreach (var m in members.Where(m => !free.Contains(m)))
        {
            m.FollowContent(head, now);
            m.FollowDecision(head);
        }
        series.Counted(kept + 1);
    }

    /// <summary>After a decision on the first date: every other date takes it (one decision, one notification).</summary>
    public async Task FollowDecisionAsync(Event head, CancellationToken ct)
    {
        await db.Events.Where(m => m.SeriesId == head.Id && m.Id != head.Id).LoadAsync(ct);
        // Loaded above, or added by this request and not saved yet.
        foreach (var m in db.ChangeTracker.Entries<Event>().Select(x => x.Entity).Where(m => m.SeriesId == head.Id && m != head).ToList())
        {
            m.FollowDecision(head);
        }
    }

    /// <summary>One date leaves its series (its vendor deleted it): the rule skips its day from now on.</summary>
    public async Task SkipAsync(Event member, TimeZoneInfo zone, CancellationToken ct)
    {
        var series = await db.EventSeries.FirstAsync(s => s.Id == member.SeriesId, ct);
        var start = member.OccurrenceStart ?? member.EventDate;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(start, DateTimeKind.Utc), zone));
        var recurrence = series.Recurrence;
        series.Change(recurrence with { Exdates = [.. recurrence.Exdates.Append(day).Distinct()] }, Now);
        series.Counted(Math.Max(1, series.OccurrenceCount - 1));
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}

/// <summary>The `next_dates` of public items' series: up to five upcoming public dates each, read once per page.</summary>
public static class SeriesDates
{
    private sealed class SeriesDateRow
    {
        public int SeriesId { get; init; }
        public DateTime EventDate { get; init; }
    }

    public const int NextCount = 5;

    public static async Task<List<EventResponse>> FillAsync(AppDbContext db, List<EventResponse> items, DateTime now, CancellationToken ct)
    {
        var ids = items.Where(i => i.Series is not null).Select(i => i.Series!.Id).Distinct().ToList();
        if (ids.Count == 0)
        {
            return items;
        }
        // One index seek per series on the page (series_id, event_date), joined by UNION ALL: a window over every
        // series' dates would rank a third of a million rows at 1,000,000 events to keep five of each.
        // The rows are columns only (no constructor, no parameter): EF Core writes a UNION ALL of them alone.
        IQueryable<SeriesDateRow>? dates = null;
        foreach (var id in ids)
        {
            var seriesId = id;
            var one = db.Events.AsNoTracking()
                .Where(m => m.SeriesId == seriesId && m.Status == EventStatus.Approved && !m.HiddenByReports && m.Lifecycle != EventLifecycle.Cancelled && m.EventDate >= now)
                .OrderBy(m => m.EventDate).Take(NextCount).Select(m => new SeriesDateRow { SeriesId = m.SeriesId!.Value, EventDate = m.EventDate });
            dates = dates is null ? one : dates.Concat(one);
        }
        var next = (await dates!.ToListAsync(ct)).GroupBy(d => d.SeriesId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<DateTime>)g.Select(d => d.EventDate).Order().ToList());
        return items.Select(i => i.Series is { } s ? i with { Series = s with { NextDates = next.GetValueOrDefault(s.Id) ?? [] } } : i).ToList();
    }
}
