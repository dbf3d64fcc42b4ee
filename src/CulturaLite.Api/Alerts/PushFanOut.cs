using System.Text.Json;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Site;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Alerts;

/// <summary>
/// The pushes a notice makes, added to the pending save: a new event to each filter subscription it matches (by the
/// list's own filters; at most `Push:MaxPerDay` a day each), a cancellation or new date to the event's followers.
/// </summary>
public sealed class PushFanOut(AppDbContext db, PublicListing listing, IOptions<PushOptions> push, IOptions<SiteOptions> site, TimeProvider clock)
{
    public async Task<int> AddAsync(AlertNotice notice, SubscriptionMail.Item item, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var zone = site.Value.Zone;
        var when = IndianFormat.When(item.EventDate, zone);
        if (notice.Kind != AlertNotice.Published)
        {
            var followers = await db.Set<PushSubscription>().AsNoTracking().Where(p => p.EventId == notice.EventId).ToListAsync(ct);
            var title = notice.Kind == AlertNotice.Cancelled ? $"Cancelled: {item.Title}" : $"New date: {item.Title}";
            foreach (var follower in followers)
            {
                db.Add(PushMessage.Create(follower.Id, PushMessage.Notice, Payload(title, $"{when} · {item.City}", follower, item.Id), now));
            }
            return followers.Count;
        }
        // A series is announced once, by its first date.
        if (item.SeriesId is { } series && series != item.Id)
        {
            return 0;
        }
        var subscribers = await db.Set<PushSubscription>().AsNoTracking().Where(p => p.Filters != null).ToListAsync(ct);
        var added = 0;
        var dayStart = QueryText.StartOfDayUtc(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone)), zone);
        foreach (var group in subscribers.GroupBy(p => p.Filters!))
        {
            var selected = await listing.SelectAsync(SubscriptionFilters.Query(group.Key), ct);
            if (selected.Value is not { } selection || !await selection.Events.AnyAsync(e => e.Id == item.Id, ct))
            {
                continue;
            }
            var ids = group.Select(p => p.Id).ToList();
            var today = await db.Set<PushMessage>().AsNoTracking()
                .Where(m => ids.Contains(m.SubscriptionId) && m.Kind == PushMessage.NewEvent && m.CreatedAt >= dayStart)
                .GroupBy(m => m.SubscriptionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
            foreach (var subscriber in group.Where(p => today.GetValueOrDefault(p.Id) < push.Value.MaxPerDay))
            {
                db.Add(PushMessage.Create(subscriber.Id, PushMessage.NewEvent, Payload($"New: {item.Title}", $"{when} · {item.City}", subscriber, item.Id), now));
                added++;
            }
        }
        return added;
    }

    private string Payload(string title, string body, PushSubscription to, int eventId) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["title"] = title.Length > 200 ? title[..199] + "…" : title,
        ["body"] = body,
        ["url"] = SiteOptions.ShareUrl(site.Value.BaseUrl(to.LinkBase), eventId),
    });
}
