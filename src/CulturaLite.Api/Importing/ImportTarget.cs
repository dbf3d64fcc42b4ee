using CulturaLite.Api.Data;

namespace CulturaLite.Api.Importing;

/// <summary>
/// Where one run of an import writes, and what it knows so far: the target database, the source's name,
/// the batch size, and for each source table the map from source ids to ours (stand-in ids in a dry run).
/// </summary>
internal sealed class ImportTarget(AppDbContext db, string source, bool dryRun, int batchSize, Action<string>? afterBatch, TextWriter output, TimeProvider clock)
{
    private readonly Dictionary<string, Dictionary<long, int>> _maps = [];
    private int _standInId;

    public AppDbContext Db => db;

    /// <summary>The source as the map keys it (host:port/database).</summary>
    public string Source => source;

    public bool DryRun => dryRun;

    /// <summary>Rows per transaction.</summary>
    public int BatchSize => batchSize;

    /// <summary>Called after each committed batch with its table.</summary>
    public Action<string>? AfterBatch => afterBatch;

    public TextWriter Output => output;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Source id to our id, for one source table.</summary>
    public Dictionary<long, int> MapOf(string table)
    {
        if (!_maps.TryGetValue(table, out var map))
        {
            _maps[table] = map = [];
        }
        return map;
    }

    /// <summary>In a dry run: an id no row has (negative), so that later tables resolve against the rows not written.</summary>
    public int NextStandInId() => --_standInId;
}
