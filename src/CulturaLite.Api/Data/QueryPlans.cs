using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CulturaLite.Api.Data;

/// <summary>
/// How PostgreSQL plans a read: a search or a circle is planned for its value (its best plan depends on it);
/// plain pages are left to PostgreSQL's own choice (docs/decisions/query-plans.md).
/// </summary>
public static class QueryPlans
{
    public static Task<IAsyncDisposable> PerValueAsync(AppDbContext db, bool needed, CancellationToken ct) =>
        ScopeAsync(db, needed, "SET LOCAL plan_cache_mode = force_custom_plan; SET TRANSACTION READ ONLY", ct);

    private static async Task<IAsyncDisposable> ScopeAsync(AppDbContext db, bool needed, string settings, CancellationToken ct)
    {
        if (!needed || db.Provider != DatabaseProvider.Postgres || db.Database.CurrentTransaction is not null)
        {
            return NoScope.Instance;
        }
        var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync(settings, ct);
        return new Scope(transaction);
    }

    private sealed class Scope(IDbContextTransaction transaction) : IAsyncDisposable
    {
        // Read-only: nothing to commit; ending it returns the connection's default planning.
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
        }
    }

    private sealed class NoScope : IAsyncDisposable
    {
        public static readonly NoScope Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
