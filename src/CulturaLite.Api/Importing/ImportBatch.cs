using System.Diagnostics;

namespace CulturaLite.Api.Importing;

/// <summary>
/// Rows on their way in: saved every <see cref="ImportTarget.BatchSize"/> rows in one transaction with their
/// <see cref="ImportedRow"/> entries (or, in a dry run, only counted and given stand-in ids so later
/// tables resolve against them).
/// </summary>
internal sealed class ImportBatch<T>(ImportTarget import, TableTally tally, string table, Action<T>? alongside = null) where T : class
{
    private readonly List<(long SourceId, T Entity)> _rows = [];
    private readonly List<(long SourceId, int TargetId)> _existing = [];
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(2);
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private TimeSpan _lastProgress;

    public async Task AddAsync(long sourceId, T entity, CancellationToken ct)
    {
        _rows.Add((sourceId, entity));
        if (_rows.Count >= import.BatchSize)
        {
            await FlushAsync(ct);
        }
    }

    public async Task MapExistingAsync(long sourceId, int targetId, CancellationToken ct)
    {
        _existing.Add((sourceId, targetId));
        if (_existing.Count >= import.BatchSize)
        {
            await FlushAsync(ct);
        }
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        var map = import.MapOf(table);
        if (import.DryRun)
        {
            foreach (var (sourceId, _) in _rows)
            {
                map[sourceId] = import.NextStandInId();
            }
            foreach (var (sourceId, targetId) in _existing)
            {
                map[sourceId] = targetId;
            }
        }
        else if (_rows.Count + _existing.Count > 0)
        {
            var db = import.Db;
            var now = import.Now;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var (_, entity) in _rows)
            {
                db.Add(entity);
                alongside?.Invoke(entity);
            }
            await db.SaveChangesAsync(ct);
            foreach (var (sourceId, entity) in _rows)
            {
                var id = (int)db.Entry(entity).Property("Id").CurrentValue!;
                db.ImportedRows.Add(ImportedRow.Of(import.Source, table, sourceId, id, now));
                map[sourceId] = id;
            }
            foreach (var (sourceId, targetId) in _existing)
            {
                db.ImportedRows.Add(ImportedRow.Of(import.Source, table, sourceId, targetId, now));
                map[sourceId] = targetId;
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            import.AfterBatch?.Invoke(table);
        }
        tally.Copied += _rows.Count;
        _rows.Clear();
        _existing.Clear();
        var done = tally.Copied + tally.Matched + tally.AlreadyCopied + tally.LeftBehind;
        if (_watch.Elapsed - _lastProgress >= ProgressEvery || done >= tally.Total)
        {
            _lastProgress = _watch.Elapsed;
            var rate = tally.Copied / Math.Max(_watch.Elapsed.TotalSeconds, 0.001);
            import.Output.WriteLine($"  {table}: {done:N0} of {tally.Total:N0} ({rate:N0} rows/s copied)");
        }
    }
}
