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
    /// <summary>The event changed since the admin loaded it: the decision would be about content they never saw.</summary>
    Stale,
}

/// <summary>
/// An admin's decision on an event. The status change, the vendor's notification and the queued
/// email are saved in one transaction, guarded by the event's concurrency token: of any number of
/// racing decisions exactly one changes the state, and only that one is announced.
/// </summary>
public sealed class ModerationDecisions(AppDbContext db, OutboxSignal outbox, EmailOptions email, TimeProvider clock)
{
    /// <param name="eventId">The event.</param>
    /// <param name="reviewedVersion">The event's version as the admin saw it; any other version is <see cref="DecisionOutcome.Stale"/>.</param>
    /// <param name="adminId">Who decides.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<DecisionOutcome> ApproveAsync(int eventId, int reviewedVersion, int adminId, CancellationToken ct) =>
        await DecideAsync(eventId, reviewedVersion, e => e.Approve(adminId, Now), ct);

    public async Task<DecisionOutcome> RejectAsync(int eventId, int reviewedVersion, int adminId, string reason, CancellationToken ct) =>
        await DecideAsync(eventId, reviewedVersion, e => e.Reject(adminId, reason, Now), ct);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<DecisionOutcome> DecideAsync(int eventId, int reviewedVersion, Func<Event, Notification?> decide, CancellationToken ct)
    {
        var e = await db.Events.Include(x => x.Vendor).FirstOrDefaultAsync(x => x.Id == eventId, ct);
        if (e is null)
        {
            return DecisionOutcome.NotFound;
        }
        if (e.Version != reviewedVersion)
        {
            return DecisionOutcome.Stale;
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
        outbox.Wake();
        Operations.AppMetrics.Decisions.Add(1, new KeyValuePair<string, object?>("action", e.Status == EventStatus.Approved ? "approve" : "reject"));
        return DecisionOutcome.Decided;
    }
}
