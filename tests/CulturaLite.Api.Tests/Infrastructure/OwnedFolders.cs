using System.Diagnostics;

namespace CulturaLite.Api.Tests.Infrastructure;

/// <summary>
/// Temporary folders that cannot outlive the process that owns them: the folder's name carries the
/// owner's pid, a detached watchdog removes it as soon as that process is gone (however it ended,
/// killed included), and a later run removes any whose owner is dead but which are still there (the
/// machine stopped before the watchdog could run).
/// </summary>
public static class OwnedFolders
{
    /// <summary>Creates <c>/tmp/{prefix}-{ownerPid}-{random}</c>, after removing stale ones with that prefix.</summary>
    public static string Create(string prefix, int ownerPid, Action<string>? stopStale = null)
    {
        RemoveStale(prefix, stopStale);
        var root = Path.Combine(Path.GetTempPath(), $"{prefix}-{ownerPid}-{Guid.NewGuid():N}"[..(prefix.Length + 24)]);
        Directory.CreateDirectory(root);
        return root;
    }

    /// <summary>
    /// A shell in its own session that polls the owner once a second; once the owner is gone it runs
    /// <paramref name="beforeRemove"/> (a shell command, may be empty) and removes the folder.
    /// </summary>
    public static void Watch(int ownerPid, string root, string beforeRemove = "")
    {
        var stop = beforeRemove.Length > 0 ? beforeRemove + "; " : "";
        var script = "exec </dev/null >/dev/null 2>&1; "
                     + $"while kill -0 {ownerPid}; do sleep 1; done; {stop}rm -rf '{root}'";
        using var _ = Process.Start(new ProcessStartInfo("setsid", ["sh", "-c", script]) { UseShellExecute = false })
                      ?? throw new InvalidOperationException("could not start the folder watchdog");
    }

    /// <summary>Folders with this prefix whose owner process is gone: <paramref name="stop"/> first, then removed.</summary>
    public static void RemoveStale(string prefix, Action<string>? stop = null)
    {
        foreach (var root in Directory.GetDirectories(Path.GetTempPath(), prefix + "-*"))
        {
            var rest = Path.GetFileName(root)[(prefix.Length + 1)..].Split('-');
            if (rest.Length < 2 || !int.TryParse(rest[0], out var pid) || IsAlive(pid))
            {
                continue;
            }
            stop?.Invoke(root);
            Delete(root);
        }
    }

    public static void Delete(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // already gone, or still held: the watchdog or the next run removes it
        }
    }

    /// <summary>Waits until the folder is gone (a watchdog polls once a second); false if it is still there after <paramref name="within"/>.</summary>
    public static async Task<bool> WaitGoneAsync(string root, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (Directory.Exists(root) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        return !Directory.Exists(root);
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>
/// This test run's scratch space (media roots, mail folders, SQLite files, CLI work dirs): one folder per
/// run under /tmp, removed with the run however it ends.
/// </summary>
public static class TestScratch
{
    public const string Prefix = "culturalite-run";

    private static readonly Lazy<string> Root = new(() =>
    {
        var root = OwnedFolders.Create(Prefix, Environment.ProcessId);
        OwnedFolders.Watch(Environment.ProcessId, root);
        return root;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A new, not yet created folder inside the run's scratch space.</summary>
    public static string Folder(string purpose) => Path.Combine(Root.Value, purpose, Guid.NewGuid().ToString("N"));
}
