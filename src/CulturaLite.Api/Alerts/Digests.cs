using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Notifications;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Alerts;

/// <summary>What a digest run did: the subscriptions it looked at and the digests it queued.</summary>
public sealed record DigestRunResult(string Frequency, int Subscriptions, int Sent);

/// <summary>
/// Builds digests: for each confirmed subscription, the public events matching its filters approved since its last
/// digest (at most <see cref="MaxItems"/>, in list order, one date per series), queued in the outbox in the same
/// transaction that moves the subscription's last digest on. Subscriptions are claimed a batch at a time
/// (<see cref="AlertOptions.BatchSize"/>) by a conditional update, so two instances never build the same digest, and
/// no transaction holds more than a batch. Subscriptions with the same filters and the same last digest share one query.
/// </summary>
public sealed class Digests(
    AppDbContext db,
    PublicListing listing,
    SubscriptionMail mail,
    OutboxSignal outbox,
    IOptions<AlertOptions> alerts,
    IOptions<SiteOptions> site,
    TimeProvider clock,
    ILogger<Digests> logger)
{
    public const int MaxItems = 20;

    /// <summary>A claim outlives a batch's work many times over; a crashed run's batch is taken up after it.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The digests of <paramref name="frequency"/>: those due (<paramref name="asIfDue"/> false, the worker) or every
    /// confirmed subscription's now (true: the admin's "run now" and `send-digests`), each still holding only what is
    /// new since its last digest.
    /// </summary>
    public async Task<DigestRunResult> RunAsync(string frequency, bool asIfDue, CancellationToken ct)
    {
        var until = clock.GetUtcNow().UtcDateTime;
        var next = DigestFrequency.NextDue(frequency, until, alerts.Value, site.Value.Zone);
        var run = Guid.NewGuid().ToString("N");
        var groups = new Dictionary<(string Filters, DateTime Since), List<SubscriptionMail.Item>>();
        var (looked, sent) = (0, 0);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var candidates = db.Set<Subscription>().Where(s => s.Frequency == frequency && s.ConfirmedAt != null
                && (s.ClaimedUntil == null || s.ClaimedUntil < now)
                && (asIfDue ? s.LastDigestAt < until : s.NextDigestAt <= until));
            var ids = await candidates.OrderBy(s => s.Id).Select(s => s.Id).Take(alerts.Value.BatchSize).ToListAsync(ct);
            if (ids.Count == 0)
            {
                break;
            }
            var claimedUntil = now + Lease;
            await candidates.Where(s => ids.Contains(s.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.ClaimedBy, run).SetProperty(s => s.ClaimedUntil, claimedUntil), ct);
            var batch = await db.Set<Subscription>().AsNoTracking().Where(s => s.ClaimedBy == run && ids.Contains(s.Id)).OrderBy(s => s.Id).ToListAsync(ct);
            looked += batch.Count;
            sent += await BuildAsync(batch, groups, until, next, run, ct);
            db.ChangeTracker.Clear();
        }
        if (sent > 0)
        {
            outbox.Wake();
        }
        logger.LogInformation("Digest run {Frequency}: {Subscriptions} subscriptions, {Sent} digests queued.", frequency, looked, sent);
        return new DigestRunResult(frequency, looked, sent);
    }

    /// <summary>One batch: its digests, what they included, and the subscriptions moved on, in one transaction.</summary>
    private async Task<int> BuildAsync(List<Subscription> batch, Dictionary<(string, DateTime), List<SubscriptionMail.Item>> groups,
        DateTime until, DateTime next, string run, CancellationToken ct)
    {
        var found = new Dictionary<int, List<SubscriptionMail.Item>>();
        foreach (var subscription in batch)
        {
            var since = subscription.LastDigestAt ?? subscription.ConfirmedAt!.Value;
            if (!groups.TryGetValue((subscription.Filters, since), out var items))
            {
                items = await NewSinceAsync(subscription.Filters, since, until, ct);
                groups[(subscription.Filters, since)] = items;
            }
            if (items.Count > 0)
            {
                found[subscription.Id] = items;
            }
        }
        // An event a subscription was already told about (approved again after an edit) is not new to it.
        var subscriptionIds = found.Keys.ToList();
        var eventIds = found.Values.SelectMany(i => i).Select(i => i.Id).Distinct().ToList();
        var told = subscriptionIds.Count == 0 ? [] : (await db.Set<DigestedEvent>().AsNoTracking()
            .Where(d => subscriptionIds.Contains(d.SubscriptionId) && eventIds.Contains(d.EventId))
            .Select(d => new { d.SubscriptionId, d.EventId }).ToListAsync(ct))
            .Select(d => (d.SubscriptionId, d.EventId)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var sent = 0;
        foreach (var subscription in batch)
        {
            if (!found.TryGetValue(subscription.Id, out var items))
            {
                continue;
            }
            var fresh = items.Where(i => !told.Contains((subscription.Id, i.Id))).ToList();
            if (fresh.Count == 0)
            {
                continue;
            }
            var shown = fresh.Take(MaxItems).ToList();
            db.Add(mail.Digest(subscription, shown, fresh.Count, now));
            foreach (var item in shown)
            {
                db.Add(new DigestedEvent { SubscriptionId = subscription.Id, EventId = item.Id });
            }
            sent++;
        }
        var ids = batch.Select(s => s.Id).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        // Only what this run still holds moves on: a batch whose claim ran out (and was taken by another run) is that run's.
        var moved = await db.Set<Subscription>().Where(s => s.ClaimedBy == run && ids.Contains(s.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastDigestAt, until).SetProperty(s => s.NextDigestAt, next)
                .SetProperty(s => s.ClaimedBy, (string?)null).SetProperty(s => s.ClaimedUntil, (DateTime?)null), ct);
        if (moved != ids.Count)
        {
            // Another run took over part of this batch after its claim ran out: build nothing twice.
            await transaction.RollbackAsync(ct);
            logger.LogWarning("A digest batch's claim ran out before it was saved; its digests are left to the run that took it over.");
            return 0;
        }
        await transaction.CommitAsync(ct);
        return sent;
    }

    /// <summary>
    /// The public events matching <paramref name="filters"/> approved after <paramref name="since"/> (and by
    /// <paramref name="until"/>), in list order, each series once (its first date listed), a few more than a digest shows.
    /// </summary>
    private async Task<List<SubscriptionMail.Item>> NewSinceAsync(string filters, DateTime since, DateTime until, CancellationToken ct)
    {
        var selected = await listing.SelectAsync(SubscriptionFilters.Query(filters), ct);
        if (selected.Value is not { } selection)
        {
            // Filters are checked when saved; a filter whose meaning changed since (a category deleted) matches nothing.
            return [];
        }
        var events = selection.Events.Where(e => e.ModeratedAt > since && e.ModeratedAt <= until);
        var read = await listing.ReadAsync(selection with { Events = events, Window = null, Plain = null }, 0, MaxItems * 3, SubscriptionMail.Item.Projection, ct);
        var seenSeries = new HashSet<int>();
        return read.Where(i => i.SeriesId is not { } series || seenSeries.Add(series)).ToList();
    }
}
