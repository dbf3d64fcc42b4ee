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
        var calendar = new Calendar { ProductId = "-//CulturaLite//Events//EN", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", "Asia/Kolkata");
        foreach (var e in events)
        {
            var entry = new CalendarEvent
            {
                Uid = e.Uid(host),
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
            calendar.Events.Add(entry);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
