using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Moderation;

public enum DecisionOutcome
{
    Decided,
    NotFound,
    AlreadyInState,
    Conflict,
}

/// <summary>
/// An admin's decision on an event. The status change, the vendor's notification and the queued
/// email are saved in one transaction, guarded by the event's concurrency token: of any number of
/// racing decisions exactly one changes the state, and only that one is announced.
/// </summary>
public sealed class ModerationDecisions(AppDbContext db, EventChanges changes, OutboxSignal outbox, EmailOptions email, TimeProvider clock)
{
    public async Task<DecisionOutcome> ApproveAsync(int eventId, int adminId, CancellationToken ct) =>
        await DecideAsync(eventId, e => e.Approve(adminId, Now), ct);

    public async Task<DecisionOutcome> RejectAsync(int eventId, int adminId, string reason, CancellationToken ct) =>
        await DecideAsync(eventId, e => e.Reject(adminId, reason, Now), ct);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<DecisionOutcome> DecideAsync(int eventId, Func<Event, Notification?> decide, CancellationToken ct)
    {
        var e = await db.Events.Include(x => x.Vendor).FirstOrDefaultAsync(x => x.Id == eventId, ct);
        if (e is null)
        {
            return DecisionOutcome.NotFound;
        }
        var notification = decide(e);
        if (notification is null)
        {
            return DecisionOutcome.AlreadyInState;
        }
        db.Notifications.Add(notification);
        db.OutboxEmails.Add(DecisionMail.For(e, e.Vendor.Email, e.Vendor.Name, notification, email, Now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another decision (or an edit) won the race; nothing of ours was written.
            db.ChangeTracker.Clear();
            return DecisionOutcome.Conflict;
        }
        changes.Publish();
        outbox.Wake();
        return DecisionOutcome.Decided;
    }
}
