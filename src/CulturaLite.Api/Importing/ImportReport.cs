using CulturaLite.Api.Accounts;

namespace CulturaLite.Api.Importing;

/// <summary>What happened to one source table.</summary>
public sealed class TableTally(string table)
{
    public string Table { get; } = table;
    public long Total { get; set; }
    public long Copied { get; set; }
    public long AlreadyCopied { get; set; }
    public long Matched { get; set; }
    public long LeftBehind { get; set; }
}

/// <summary>A source row that could not be copied, and why.</summary>
public sealed record LeftBehind(string Table, long Id, string Reason);

public sealed record ImportReport(IReadOnlyList<TableTally> Tables, IReadOnlyList<LeftBehind> Problems, bool DryRun, TimeSpan Elapsed)
{
    public bool Complete => Problems.Count == 0;

    /// <summary>The summary table and what was left behind, as the command prints them.</summary>
    public void WriteTo(TextWriter output, IReadOnlyList<long> foreignHashes)
    {
        output.WriteLine();
        output.WriteLine($"{"table",-28} {"in source",10} {"copied",10} {"matched",8} {"before",10} {"left",8}");
        foreach (var t in Tables)
        {
            output.WriteLine($"{t.Table,-28} {t.Total,10:N0} {t.Copied,10:N0} {t.Matched,8:N0} {t.AlreadyCopied,10:N0} {t.LeftBehind,8:N0}");
        }
        output.WriteLine("(copied: new here; matched: an existing account or category here by email or slug; before: copied by an earlier run)");
        if (Problems.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"Left behind ({Problems.Count:N0}), with the reason:");
            foreach (var p in Problems)
            {
                output.WriteLine($"  {p.Table} {p.Id}: {p.Reason}");
            }
        }
        if (foreignHashes.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"Note: {foreignHashes.Count:N0} account(s) have a password hash in a format this backend cannot check "
                + $"(it checks {string.Join(", ", Passwords.DjangoFormats.Select(f => f.TrimEnd('$')))}): they are copied, but cannot log in with their old password (auth_user {string.Join(", ", foreignHashes.Take(20))}{(foreignHashes.Count > 20 ? " ..." : "")}).");
        }
        output.WriteLine();
        output.WriteLine($"{(DryRun ? "Dry run finished" : "Finished")} in {Elapsed.TotalSeconds:0.0} s: "
            + (Complete ? "nothing left behind." : $"{Problems.Count:N0} row(s) left behind (listed above); fix them in the source and run again."));
    }
}
