using System.Diagnostics;
using Npgsql;

namespace CulturaLite.Api.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for this test run: started once, on a free port, as the postgres
/// user when we are root (initdb refuses root), fsync off; stopped and deleted when the run ends.
/// </summary>
public sealed class PostgresCluster
{
    public const string BinDir = "/usr/lib/postgresql/15/bin";
    private const string Prefix = "culturalite-pg";

    /// <summary>initdb refuses root: as root the server runs as the postgres user.</summary>
    private static string ServerUser => Environment.UserName == "root" ? "postgres" : "";

    private static readonly Lazy<PostgresCluster> Shared = new(StartNew, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _databaseCounter;

    public string? UnavailableReason { get; private init; }
    public string DataDir { get; private init; } = "";
    public int Port { get; private init; }
    private string RunAs { get; init; } = "";
    private string Options { get; init; } = "";

    public static PostgresCluster Instance => Shared.Value;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=10";

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=5;Maximum Pool Size=50";

    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"cl_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}";
        await using var conn = new NpgsqlConnection(AdminConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>A cluster of its own (the outage test stops and starts it); removed when the run ends.</summary>
    public static PostgresCluster StartNew() => StartNew(Environment.ProcessId);

    /// <summary>
    /// Starts a cluster that cannot outlive <paramref name="ownerPid"/>: a detached watchdog stops it
    /// and removes its folder as soon as that process is gone, however it ended (killed included).
    /// Clusters left by earlier runs whose process is dead are removed first.
    /// </summary>
    public static PostgresCluster StartNew(int ownerPid)
    {
        if (!File.Exists(Path.Combine(BinDir, "initdb")))
        {
            var reason = $"PostgreSQL server binaries were not found in {BinDir} (apt-get install postgresql-15).";
            if (InCi)
            {
                throw new InvalidOperationException("CI=true requires PostgreSQL: " + reason);
            }
            Console.Error.WriteLine("!!!! " + reason + " The PostgreSQL half of the suite is SKIPPED; only SQLite runs. !!!!");
            return new PostgresCluster { UnavailableReason = reason };
        }
        var root = OwnedFolders.Create(Prefix, ownerPid, StopStale);
        var runAs = ServerUser;
        if (runAs.Length > 0)
        {
            Run("chown", ["postgres:postgres", root], "");
        }
        var data = Path.Combine(root, "data");
        Run(Path.Combine(BinDir, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"], runAs);
        var port = Ports.Free();
        var options = $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -F -c fsync=off -c full_page_writes=off "
                      + "-c synchronous_commit=off -c max_connections=300 -c shared_buffers=64MB";
        Run(Path.Combine(BinDir, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(root, "log"), "-w", "-t", "60", "start"], runAs);
        var cluster = new PostgresCluster { DataDir = data, Port = port, RunAs = runAs, Options = options };
        OwnedFolders.Watch(ownerPid, root, StopCommand(data, runAs));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop(root);
        return cluster;
    }

    private static string StopCommand(string data, string runAs) =>
        (runAs.Length > 0 ? $"runuser -u {runAs} -- " : "") + $"{BinDir}/pg_ctl -D '{data}' -m immediate -w stop";

    /// <summary>The server of a dead run's cluster, if it still runs.</summary>
    private static void StopStale(string root)
    {
        var data = Path.Combine(root, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            StopImmediately(data, ServerUser);
        }
    }

    /// <summary>Stops the server (immediate mode) and removes its files.</summary>
    public void Stop(string root)
    {
        StopImmediately(DataDir, RunAs);
        OwnedFolders.Delete(root);
    }

    private static void StopImmediately(string data, string runAs)
    {
        try
        {
            Run(Path.Combine(BinDir, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], runAs);
        }
        catch (InvalidOperationException)
        {
            // not running any more
        }
    }

    public void StopServer() => Run(Path.Combine(BinDir, "pg_ctl"), ["-D", DataDir, "-m", "fast", "-w", "stop"], RunAs);

    public void StartServer()
    {
        var root = Path.GetDirectoryName(DataDir)!;
        Run(Path.Combine(BinDir, "pg_ctl"), ["-D", DataDir, "-o", Options, "-l", Path.Combine(root, "log"), "-w", "-t", "60", "start"], RunAs);
    }


    private static void Run(string file, string[] args, string runAs)
    {
        var psi = runAs.Length > 0
            ? new ProcessStartInfo("runuser", ["-u", runAs, "--", file, .. args])
            : new ProcessStartInfo(file, args);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.WorkingDirectory = "/";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
        }
    }
}
