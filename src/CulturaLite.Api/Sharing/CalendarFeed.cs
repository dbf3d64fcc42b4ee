using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace CulturaLite.Api.Sharing;

/// <summary>
/// iCalendar (RFC 5545) for public events, written by Ical.Net, which folds lines at 75 octets and
/// escapes text. Every entry keeps its UID, and SEQUENCE follows the event's version, so a
/// subscribed calendar updates an event in place instead of adding a copy.
/// </summary>
public static class CalendarFeed
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Write(IEnumerable<SharedEvent> events, string host, Func<int, string> shareUrl, DateTime now, string name)
    {
        var calendar = NewCalendar(name);
        foreach (var e in events)
        {
            calendar.Events.Add(Entry(e, e.Uid(host), shareUrl, now));
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>A series' first date with its rule, and the dates moved or cancelled alone (each with the start the rule gave it).</summary>
    public sealed record SeriesEntry(SharedEvent First, DateTime FirstStart, Events.Recurrence Recurrence, IReadOnlyList<(SharedEvent Event, DateTime RuleStart)> Overrides);

    /// <summary>
    /// A series as one entry: `DTSTART` in the site's zone (so the rule keeps its wall-clock time), `RRULE`, an
    /// `EXDATE` per skipped day, and a `RECURRENCE-ID` entry (same UID) for each date moved or cancelled alone.
    /// </summary>
    public static string WriteSeries(SeriesEntry series, string uid, Func<int, string> shareUrl, DateTime now, TimeZoneInfo zone)
    {
        var calendar = NewCalendar(series.First.Title);
        calendar.AddTimeZone(zone.Id);
        var first = Entry(series.First, uid, shareUrl, now);
        var duration = series.First.End - series.First.EventDate;
        first.DtStart = Local(series.FirstStart, zone);
        first.DtEnd = Local(series.FirstStart + duration, zone);
        first.RecurrenceRule = new RecurrencePattern(RuleWithUtcUntil(series.Recurrence.Rule, zone));
        var timeOfDay = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(series.FirstStart, DateTimeKind.Utc), zone).TimeOfDay;
        foreach (var day in series.Recurrence.Exdates)
        {
            first.ExceptionDates.Add(Local(Events.Recurrence.ToUtc(day.ToDateTime(TimeOnly.FromTimeSpan(timeOfDay)), zone), zone));
        }
        calendar.Events.Add(first);
        foreach (var (e, ruleStart) in series.Overrides)
        {
            var moved = Entry(e, uid, shareUrl, now);
            moved.RecurrenceIdentifier = new RecurrenceIdentifier(Local(ruleStart, zone), null);
            calendar.Events.Add(moved);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static Calendar NewCalendar(string name)
    {
        var calendar = new Calendar { ProductId = "-//CulturaLite//Events//EN", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", "Asia/Kolkata");
        return calendar;
    }

    private static CalDateTime Local(DateTime utc, TimeZoneInfo zone) =>
        new(DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone), DateTimeKind.Unspecified), zone.Id, true);

    /// <summary>RFC 5545 wants UNTIL in UTC when DTSTART has a zone: a date-only UNTIL becomes the end of that day there.</summary>
    private static string RuleWithUtcUntil(string rule, TimeZoneInfo zone) => string.Join(';', rule.Split(';').Select(part =>
        part.StartsWith("UNTIL=", StringComparison.Ordinal) && part.Length == 14
            && DateTime.TryParseExact(part[6..], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
            ? "UNTIL=" + Events.Recurrence.ToUtc(day.AddDays(1).AddSeconds(-1), zone).ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture)
            : part));

    private static CalendarEvent Entry(SharedEvent e, string uid, Func<int, string> shareUrl, DateTime now)
    {
        {
            var entry = new CalendarEvent
            {
                Uid = uid,
                DtStamp = new CalDateTime(now),
                DtStart = new CalDateTime(e.EventDate),
                DtEnd = new CalDateTime(e.End),
                Summary = e.Title,
                Description = e.Description,
                Location = e.Location,
                Url = new Uri(shareUrl(e.Id)),
                LastModified = new CalDateTime(e.UpdatedAt),
                Sequence = e.Version,
                // A calendar that holds the event removes or strikes it (RFC 5545 STATUS); the raised SEQUENCE makes it take the change.
                Status = e.IsCancelled ? Ical.Net.EventStatus.Cancelled : Ical.Net.EventStatus.Confirmed,
            };
            entry.Categories.Add(e.Category);
            if (e.Venue is { Latitude: { } lat, Longitude: { } lon })
            {
                entry.GeographicLocation = new GeographicLocation(lat, lon);
            }
            return entry;
        }
    }
}
