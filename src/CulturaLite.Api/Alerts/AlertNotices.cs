using CulturaLite.Api.Data;
using CulturaLite.Api.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Alerts;

/// <summary>
/// Works through the <see cref="AlertNotice"/>s: each is claimed by a conditional update and finished in one transaction
/// with what it sends (a notice email to each subscription whose digest included a cancelled or re-dated event, and the
/// pushes of <see cref="PushFanOut"/>), so each is sent once across instances and restarts.
/// </summary>
public sealed class AlertNotices(AppDbContext db, SubscriptionMail mail, PushFanOut pushes, OutboxSignal outbox, PushSignal pushSignal, TimeProvider clock)
{
    public const int BatchSize = 20;

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>One pass; true when a full batch was done (more may be waiting).</summary>
    public async Task<bool> ProcessAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<AlertNotice>().AsNoTracking()
            .Where(n => n.DoneAt == null && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .OrderBy(n => n.Id).Take(BatchSize).ToListAsync(ct);
        foreach (var notice in due)
        {
            var until = now + Lease;
            var claimed = await db.Set<AlertNotice>()
                .Where(n => n.Id == notice.Id && n.DoneAt == null && (n.ClaimedUntil == null || n.ClaimedUntil < now))
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.ClaimedUntil, until), ct) == 1;
            if (claimed)
            {
                await SendAsync(notice, ct);
                db.ChangeTracker.Clear();
            }
        }
        return due.Count == BatchSize;
    }

    private async Task SendAsync(AlertNotice notice, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var item = await db.Events.AsNoTracking().Where(e => e.Id == notice.EventId).Select(SubscriptionMail.Item.Projection).FirstOrDefaultAsync(ct);
        var emails = 0;
        if (item is not null && notice.Kind is AlertNotice.Cancelled or AlertNotice.Rescheduled)
        {
            var told = await db.Set<DigestedEvent>().AsNoTracking().Where(d => d.EventId == notice.EventId)
                .Join(db.Set<Subscription>().AsNoTracking().Where(s => s.ConfirmedAt != null), d => d.SubscriptionId, s => s.Id, (d, s) => s)
                .ToListAsync(ct);
            foreach (var subscription in told)
            {
                db.Add(mail.Notice(subscription, item, notice.Kind, now));
            }
            emails = told.Count;
        }
        var pushed = item is null ? 0 : await pushes.AddAsync(notice, item, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await db.Set<AlertNotice>().Where(n => n.Id == notice.Id).ExecuteUpdateAsync(u => u.SetProperty(n => n.DoneAt, now), ct);
        await transaction.CommitAsync(ct);
        if (emails > 0)
        {
            outbox.Wake();
        }
        if (pushed > 0)
        {
            pushSignal.Wake();
        }
    }
}
