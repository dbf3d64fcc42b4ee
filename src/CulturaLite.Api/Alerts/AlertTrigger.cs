using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CulturaLite.Api.Alerts;

/// <summary>Lets a save that wrote notices wake the alert worker instead of waiting for its next poll.</summary>
public sealed class AlertSignal : WakeSignal;

/// <summary>
/// The one place that notes, in the save that made it, a change people may have asked to hear about: an event
/// becoming public, cancelled, or given a new date (<see cref="AlertNotice"/>). Every write through EF Core passes
/// here: an approval, a trusted vendor's edit, a status action, a series date moved alone.
/// </summary>
public sealed class AlertTrigger(TimeProvider clock, AlertSignal signal) : WakingSaveTrigger(signal)
{
    protected override Task<bool> AddAsync(DbContext context, bool sync, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var notices = context.ChangeTracker.Entries<Event>()
            .Select(entry => Classify(entry) is { } kind ? AlertNotice.Of(entry.Entity, kind, now) : null)
            .OfType<AlertNotice>().ToList();
        context.AddRange(notices);
        return Task.FromResult(notices.Count > 0);
    }

    /// <summary>What a save does to one event that someone may be told about; null when nothing.</summary>
    internal static string? Classify(EntityEntry<Event> entry)
    {
        static bool Public(string? status, bool hidden) => status == EventStatus.Approved && !hidden;
        var e = entry.Entity;
        var isPublic = entry.State is not EntityState.Deleted && Public(e.Status, e.HiddenByReports);
        if (entry.State == EntityState.Added)
        {
            return isPublic ? AlertNotice.Published : null;
        }
        if (entry.State != EntityState.Modified || !isPublic)
        {
            return null;
        }
        if (!Public((string?)entry.OriginalValues[nameof(Event.Status)], (bool)entry.OriginalValues[nameof(Event.HiddenByReports)]!))
        {
            return AlertNotice.Published;
        }
        if (e.Lifecycle == EventLifecycle.Cancelled && !Equals(entry.OriginalValues[nameof(Event.Lifecycle)], EventLifecycle.Cancelled))
        {
            return AlertNotice.Cancelled;
        }
        return e.Lifecycle != EventLifecycle.Cancelled && !Equals(entry.OriginalValues[nameof(Event.EventDate)], e.EventDate)
            ? AlertNotice.Rescheduled : null;
    }
}
