using System.Runtime.CompilerServices;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CulturaLite.Api.Data;

/// <summary>
/// A save interceptor that adds rows of its own to a save (so they commit with the change, or not at all) and, once
/// that save has committed, wakes the background sender that works through them. A save it added nothing to wakes
/// nothing, so a login or a pending submission never sends a sender to the database.
/// </summary>
public abstract class WakingSaveTrigger(WakeSignal signal) : SaveChangesInterceptor
{
    /// <summary>The contexts whose pending save holds rows this trigger added.</summary>
    private readonly ConditionalWeakTable<DbContext, object> _added = [];

    /// <summary>
    /// Adds this trigger's rows for the pending save of the context; true when it added any. A synchronous save
    /// (<paramref name="sync"/>) reads the database synchronously too.
    /// </summary>
    protected abstract Task<bool> AddAsync(DbContext context, bool sync, CancellationToken ct);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && AddAsync(context, sync: true, CancellationToken.None).GetAwaiter().GetResult())
        {
            _added.AddOrUpdate(context, context);
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && await AddAsync(context, sync: false, cancellationToken))
        {
            _added.AddOrUpdate(context, context);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        WakeIfAdded(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        WakeIfAdded(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => _added.Remove(eventData.Context!);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _added.Remove(eventData.Context!);
        return Task.CompletedTask;
    }

    private void WakeIfAdded(DbContext? context)
    {
        if (context is not null && _added.Remove(context))
        {
            signal.Wake();
        }
    }
}
