using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CulturaLite.Api.Data;

/// <summary>
/// PostgreSQL plans a prepared statement once for any values after five runs (a generic plan). That
/// suits the plain lists, whose best plan does not depend on the values, and saves ~2 ms of planning a
/// request. It does not suit a search or a circle: the best plan for a word that matches ten events is
/// not the one for a word that matches a hundred thousand, nor for a circle in a city centre versus a
/// field. A generic plan once joined 26,000 events to every vendor in a nested loop (0.5 s instead of
/// 20 ms). Those queries run in a read-only transaction that plans them for their values.
/// </summary>
public static class QueryPlans
{
    public static Task<IAsyncDisposable> PerValueAsync(AppDbContext db, bool needed, CancellationToken ct) =>
        ScopeAsync(db, needed, "SET LOCAL plan_cache_mode = force_custom_plan; SET TRANSACTION READ ONLY", ct);

    /// <summary>
    /// The other way round, for a plain public page: its best plan never depends on the values, but for a
    /// filter that leaves thousands of candidates (no city) PostgreSQL's estimate for a generic plan with an
    /// unknown LIMIT and OFFSET (a tenth of the rows each) came out 13 times the cost of a planned one, so it
    /// planned the statement again on every run: about 0.5 ms of PostgreSQL's CPU a request, the unfiltered
    /// list a third slower than one city's (README, "Search, near me and the uncached path"). Only for pages
    /// whose index walks them in order whatever the values (by date; one category by date).
    /// </summary>
    public static Task<IAsyncDisposable> OnePlanAsync(AppDbContext db, bool needed, CancellationToken ct) =>
        ScopeAsync(db, needed, "SET LOCAL plan_cache_mode = force_generic_plan; SET TRANSACTION READ ONLY", ct);

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
