using CulturaLite.Api.Accounts;
using CulturaLite.Api.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CulturaLite.Api.Alerts;

/// <summary>
/// The one place that turns a save's public changes into webhook deliveries, in the same save (so in the same
/// transaction: a change is never committed without its deliveries, nor a delivery without its change). Every
/// write through EF Core passes here, as through <see cref="PublicChangeDetector"/>: an approval, a trusted
/// vendor's edit, a status action, a report hiding an event, a deactivation, a deletion.
/// </summary>
public sealed class WebhookTrigger(TimeProvider clock, WebhookSignal signal) : Data.WakingSaveTrigger(signal)
{
    /// <summary>Properties whose change no visitor sees: changing only these is not `event.updated`.</summary>
    private static readonly HashSet<string> Unseen =
    [
        nameof(Event.ModeratedAt), nameof(Event.ModeratedById), nameof(Event.AutoApproved), nameof(Event.RejectionReason),
        nameof(Event.SearchText), nameof(Event.SearchFormat), nameof(Event.CreatedAt),
        nameof(Event.Status), nameof(Event.HiddenByReports),
    ];

    private sealed record Change(string Type, Event? Event, int Id, bool StillExists);

    protected override async Task<bool> AddAsync(DbContext context, bool sync, CancellationToken ct)
    {
        var changes = new List<Change>();
        var vendors = new List<(int Id, bool Active)>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case Event e:
                    if (Classify(entry, e) is { } type)
                    {
                        changes.Add(new Change(type, e, e.Id, entry.State != EntityState.Deleted));
                    }
                    break;
                case Festivals.Festival f when entry.State == EntityState.Modified
                    && f.Status == EventStatus.Approved && (string?)entry.OriginalValues[nameof(Festivals.Festival.Status)] != EventStatus.Approved:
                    changes.Add(new Change(WebhookEvents.FestivalPublished, null, f.Id, true));
                    break;
                case User u when entry.State == EntityState.Modified && entry.Property(nameof(User.IsActive)).IsModified
                    && (bool)entry.OriginalValues[nameof(User.IsActive)]! != u.IsActive:
                    vendors.Add((u.Id, u.IsActive));
                    break;
            }
        }
        if (changes.Count == 0 && vendors.Count == 0)
        {
            return false;
        }
        var active = context.Set<Webhook>().AsNoTracking().Where(w => w.IsActive);
        var webhooks = sync ? active.ToList() : await active.ToListAsync(ct);
        if (webhooks.Count == 0)
        {
            return false;
        }
        // A vendor deactivated (or activated again) takes every public event of theirs out of (or back into) the public.
        foreach (var (vendorId, isActive) in vendors)
        {
            var ids = context.Set<Event>().AsNoTracking()
                .Where(e => e.VendorId == vendorId && e.Status == EventStatus.Approved && !e.HiddenByReports).Select(e => e.Id);
            foreach (var id in sync ? ids.ToList() : await ids.ToListAsync(ct))
            {
                changes.Add(new Change(isActive ? WebhookEvents.Published : WebhookEvents.Removed, null, id, true));
            }
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var added = false;
        foreach (var webhook in webhooks)
        {
            foreach (var change in changes.Where(c => webhook.Wants(c.Type)))
            {
                context.Add(change switch
                {
                    { Type: WebhookEvents.FestivalPublished } => WebhookDelivery.AboutFestival(webhook.Id, change.Id, now),
                    { Type: WebhookEvents.Removed } => WebhookDelivery.Removed(webhook.Id, change.Id, change.StillExists, now),
                    { Event: { } e } => WebhookDelivery.About(webhook.Id, change.Type, e, now),
                    _ => WebhookDelivery.About(webhook.Id, change.Type, change.Id, now),
                });
                added = true;
            }
        }
        return added;
    }

    /// <summary>What a save does to one event, as a partner sees it; null when nothing public changes.</summary>
    private static string? Classify(EntityEntry entry, Event e)
    {
        static bool Public(string? status, bool hidden) => status == EventStatus.Approved && !hidden;
        var isPublic = entry.State != EntityState.Deleted && Public(e.Status, e.HiddenByReports);
        if (entry.State == EntityState.Added)
        {
            return isPublic ? WebhookEvents.Published : null;
        }
        if (entry.State is not (EntityState.Modified or EntityState.Deleted))
        {
            return null;
        }
        var wasPublic = Public((string?)entry.OriginalValues[nameof(Event.Status)], (bool)entry.OriginalValues[nameof(Event.HiddenByReports)]!);
        return (wasPublic, isPublic) switch
        {
            (false, true) => WebhookEvents.Published,
            (true, false) => WebhookEvents.Removed,
            (true, true) when e.Lifecycle == EventLifecycle.Cancelled
                && !Equals(entry.OriginalValues[nameof(Event.Lifecycle)], EventLifecycle.Cancelled) => WebhookEvents.Cancelled,
            (true, true) when entry.Properties.Any(p => p.IsModified && !Unseen.Contains(p.Metadata.Name)) => WebhookEvents.Updated,
            _ => null,
        };
    }
}
