using System.Runtime.CompilerServices;
using CulturaLite.Api.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CulturaLite.Api.Events;

/// <summary>
/// The one place that decides whether a save changed what the public sees, and then announces it
/// through <see cref="EventChanges"/> (which evicts every instance's public cache). Every write
/// through EF Core passes here, so no caller has to remember it; a save that only touches what
/// no visitor can see (a pending submission, an edit of a pending event) evicts nothing, so vendors
/// cannot flush the cache by submitting. Bulk ExecuteUpdate/ExecuteDelete bypass interceptors and
/// are not used on events, categories or users.
/// </summary>
public sealed class PublicChangeDetector(EventChanges changes) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private sealed class Pending
    {
        public bool Changed;
    }

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Inspect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Inspect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Announce(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Announce(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>True when the tracked changes alter what `/api/events/` and the city lists show.</summary>
    public static bool ChangesPublicData(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }
            switch (entry.Entity)
            {
                case Event e when entry.State == EntityState.Added:
                    if (e.Status == EventStatus.Approved)
                    {
                        return true;
                    }
                    break;
                case Event e:
                    var was = (string?)entry.OriginalValues[nameof(Event.Status)];
                    if (was == EventStatus.Approved || e.Status == EventStatus.Approved)
                    {
                        return true;
                    }
                    break;
                case Category or KnownCity or KnownCityAlias:
                    return true;
                // A festival the public sees (or saw): its list and page, and the `festival` of its events' items.
                case Festivals.Festival f when entry.State == EntityState.Added:
                    if (f.Status == EventStatus.Approved)
                    {
                        return true;
                    }
                    break;
                case Festivals.Festival f:
                    if ((string?)entry.OriginalValues[nameof(Festivals.Festival.Status)] == EventStatus.Approved || f.Status == EventStatus.Approved)
                    {
                        return true;
                    }
                    break;
                case User when entry.State == EntityState.Deleted:
                    return true;
                // Deactivation hides a vendor's events; the names are shown as the organizer. A login's stamp
                // or a new password is not public and must not flush the public cache.
                case User when entry.State == EntityState.Modified && PublicUserFields.Any(f => entry.Property(f).IsModified):
                    return true;
            }
        }
        return false;
    }

    private static readonly string[] PublicUserFields =
        [nameof(User.IsActive), nameof(User.Name), nameof(User.FirstName), nameof(User.LastName), nameof(User.OrganizationName)];

    private void Inspect(DbContext? context)
    {
        if (context is not null && ChangesPublicData(context.ChangeTracker))
        {
            _pending.GetOrCreateValue(context).Changed = true;
        }
    }

    private void Announce(DbContext? context)
    {
        // Inside an explicit transaction the change is visible only at commit: announce it then.
        if (context is null || context.Database.CurrentTransaction is not null)
        {
            return;
        }
        if (_pending.TryGetValue(context, out var pending) && pending.Changed)
        {
            pending.Changed = false;
            changes.Publish();
        }
    }

    /// <summary>
    /// A save failed: outside a transaction nothing it saw happened. Inside one, the transaction's earlier saves
    /// still stand until it ends (commit announces them, rollback forgets them).
    /// </summary>
    private void Forget(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            ForgetAll(context);
        }
    }

    /// <summary>A rolled-back transaction changed nothing: its saves must not be announced by the next save.</summary>
    private void ForgetAll(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            pending.Changed = false;
        }
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => AnnounceAfter(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        AnnounceAfter(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => ForgetAll(eventData.Context);

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ForgetAll(eventData.Context);
        return Task.CompletedTask;
    }

    private void AnnounceAfter(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending) && pending.Changed)
        {
            pending.Changed = false;
            changes.Publish();
        }
    }
}
