using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Notifications;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Moderation;

/// <summary>
/// An admin's decision on an event. The status change, the vendor's notification and the queued
/// email are saved in one transaction, guarded by the event's concurrency token: of any number of
/// racing decisions exactly one changes the state, and only that one is announced.
/// </summary>
public sealed class ModerationDecisions(AppDbContext db, SeriesSchedule schedule, OutboxSignal outbox, Microsoft.Extensions.Options.IOptions<EmailOptions> emailOptions, AuditLog audit, TimeProvider clock, ILogger<ModerationDecisions> logger)
{
    private readonly EmailOptions email = emailOptions.Value;

    public const int MaxBulk = 100;
    public const string NoSuchEvent = "No event matches the given id.";

    /// <summary>The event changed since the admin loaded it: the decision would be about content they never saw.</summary>
    public const string Stale = "stale";

    /// <summary>The event already is in the state decided on.</summary>
    public const string Unchanged = Event.Unchanged;

    /// <summary>A date of a series other than its first: the series is decided on through its first date.</summary>
    public const string SeriesMember = "series";

    /// <summary>Another decision or edit won a race at the same moment.</summary>
    public const string Raced = "raced";

    public sealed record BulkItem(int Id, int Version);

    public sealed record BulkResult(int Id, string Outcome);

    /// <summary>
    /// The same decision on many events, each in its own transaction with its own version check, so each
    /// change makes exactly one notification and one email, as a single decision does.
    /// </summary>
    public async Task<List<BulkResult>> BulkAsync(bool approve, string? reason, IReadOnlyList<BulkItem> items, int adminId, CancellationToken ct)
    {
        var results = new List<BulkResult>();
        foreach (var item in items)
        {
            db.ChangeTracker.Clear();
            var outcome = approve
                ? await DecideAsync(item.Id, item.Version, e => e.Approve(adminId, Now), ct, bulk: true)
                : await DecideAsync(item.Id, item.Version, e => e.Reject(adminId, reason!, Now), ct, bulk: true, reason);
            results.Add(new BulkResult(item.Id, outcome switch
            {
                { Succeeded: true } => approve ? "approved" : "rejected",
                { Failure: Failure.NotFound } => "not_found",
                { Code: Unchanged } => "unchanged",
                _ => "conflict",
            }));
        }
        return results;
    }

    /// <param name="eventId">The event.</param>
    /// <param name="reviewedVersion">The event's version as the admin saw it; any other version is a <see cref="Stale"/> conflict.</param>
    /// <param name="adminId">Who decides.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<Outcome<Event>> ApproveAsync(int eventId, int reviewedVersion, int adminId, CancellationToken ct) =>
        await DecideAsync(eventId, reviewedVersion, e => e.Approve(adminId, Now), ct);

    public async Task<Outcome<Event>> RejectAsync(int eventId, int reviewedVersion, int adminId, string reason, CancellationToken ct) =>
        await DecideAsync(eventId, reviewedVersion, e => e.Reject(adminId, reason, Now), ct, reason: reason);

    /// <summary>
    /// A trusted vendor's submission or edit is approved at once, with the usual notification and email
    /// (added to the pending save); false when the vendor is not trusted or their address is not verified.
    /// </summary>
    public async Task<bool> AutoApproveIfTrustedAsync(Event e, EventRevision revision, CancellationToken ct)
    {
        var vendor = await db.Users.FirstAsync(u => u.Id == e.VendorId, ct);
        // Trusted, and reachable at a verified address.
        if (!vendor.IsTrusted || !vendor.EmailVerified || e.AutoApprove(Now) is not { Succeeded: true, Value: { } notification })
        {
            return false;
        }
        revision.MarkApproved(Now);
        db.Notifications.Add(notification);
        db.OutboxEmails.Add(DecisionMail.For(e, vendor.Email, vendor.Name, notification, email, Now));
        return true;
    }

    /// <summary>After the save that approved it: the log line (the event has its id now) and a nudge to the mailer.</summary>
    public async Task RecordAutoApprovalAsync(Event e, CancellationToken ct)
    {
        outbox.Wake();
        try
        {
            await audit.RecordAsync("event.auto_approve", "event", e.Id, new { version = e.Version }, bySystem: true, ct: ct);
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or DbUpdateException or InvalidOperationException or TimeoutException)
        {
            // The approval is saved and answered; only its log line is lost (the database went away after the commit).
            logger.LogWarning(ex, "Event {EventId} was auto-approved but its audit entry could not be written.", e.Id);
        }
        Operations.AppMetrics.Decisions.Add(1, new KeyValuePair<string, object?>("action", "auto_approve"));
    }

    /// <summary>
    /// The one rule for a rejection reason, for every reject (single, bulk, reports, console): the typed
    /// `reason`, or else the text of reason template `template`; a field error when neither is usable.
    /// </summary>
    public async Task<string?> ReasonAsync(Web.FieldErrors errors, string? reason, int? template, CancellationToken ct)
    {
        if (template is { } templateId && string.IsNullOrWhiteSpace(reason))
        {
            var text = await db.ReasonTemplates.Where(t => t.Id == templateId).Select(t => t.Text).FirstOrDefaultAsync(ct);
            if (text is null)
            {
                errors.Add("template", "No reason template has this id.");
            }
            return text;
        }
        return errors.Text("reason", reason, Event.ReasonMaxLength);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<Outcome<Event>> DecideAsync(int eventId, int reviewedVersion, Func<Event, Outcome<Notification>> decide, CancellationToken ct,
        bool bulk = false, string? reason = null)
    {
        var e = await db.Events.Include(x => x.Vendor).FirstOrDefaultAsync(x => x.Id == eventId, ct);
        if (e is null)
        {
            return Outcome<Event>.NotFound(NoSuchEvent);
        }
        if (e.SeriesId is { } seriesId && !e.IsSeriesHead)
        {
            return Outcome<Event>.Conflict(SeriesMember, $"This date belongs to series {seriesId}: decide on the series through event {seriesId}.", e);
        }
        if (e.Version != reviewedVersion)
        {
            return Outcome<Event>.Conflict(Stale, "The event changed since you loaded it. Review the current version and decide again.", e);
        }
        var decided = decide(e);
        if (decided.Value is not { } notification)
        {
            return decided.Failure == Failure.Invalid ? Outcome<Event>.Invalid(decided.Errors) : Outcome<Event>.Conflict(decided.Code, decided.Reason, e);
        }
        db.Notifications.Add(notification);
        db.OutboxEmails.Add(DecisionMail.For(e, e.Vendor.Email, e.Vendor.Name, notification, email, Now));
        if (e.IsSeriesHead)
        {
            // Every date of the series, in this transaction: one decision, one notification, one email.
            await schedule.FollowDecisionAsync(e, ct);
        }
        if (e.Status == EventStatus.Approved
            && await db.EventRevisions.Where(r => r.EventId == e.Id).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct) is { } reviewed)
        {
            // What the admin saw: the base a later re-review compares with.
            reviewed.MarkApproved(Now);
        }
        await audit.RecordAsync(e.Status == EventStatus.Approved ? "event.approve" : "event.reject", "event", e.Id,
            new { version = reviewedVersion, reason, bulk }, ct: ct);
        try
        {
            if (!await db.SaveUnlessEventGoneAsync(eventId, ct))
            {
                // The vendor deleted it meanwhile.
                return Outcome<Event>.NotFound(NoSuchEvent);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another decision (or an edit) won the race; nothing of ours was written.
            return Outcome<Event>.Conflict(Raced, "The event was changed by another request at the same time. Reload it and decide again.");
        }
        outbox.Wake();
        Operations.AppMetrics.Decisions.Add(1, new KeyValuePair<string, object?>("action", e.Status == EventStatus.Approved ? "approve" : "reject"));
        return Outcome<Event>.Done(e);
    }
}
