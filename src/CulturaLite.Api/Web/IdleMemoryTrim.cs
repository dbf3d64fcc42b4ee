using System.Runtime;
using System.Runtime.InteropServices;

namespace CulturaLite.Api.Web;

/// <summary>
/// Gives memory back to the operating system when the server is idle: after `Memory:IdleTrimSeconds`
/// (default 60) without a request it runs one compacting collection and asks glibc to return freed
/// native memory (image decoding allocates natively). On Linux it also caps glibc's per-thread
/// arenas at start-up, which otherwise keep resident memory high after bursts of parallel uploads.
/// </summary>
public sealed class IdleMemoryTrim(Microsoft.Extensions.Options.IOptions<MemoryOptions> options, ILogger<IdleMemoryTrim> logger) : BackgroundService
{
    private long _lastRequest = Environment.TickCount64;
    private long _trimmedAfter = -1;

    public void Touch() => Interlocked.Exchange(ref _lastRequest, Environment.TickCount64);

    /// <summary>Called first thing at start-up, before request threads allocate.</summary>
    public static void LimitNativeArenas()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                // M_ARENA_MAX = -8: at most two malloc arenas instead of eight per core.
                _ = MallOpt(-8, 2);
                // M_MMAP_THRESHOLD = -3: blocks of 256 KB and more (decoded bitmaps, encoded variants)
                // are mapped and unmapped on their own. Left dynamic, glibc raises the threshold to the
                // largest block freed so far (up to 32 MB), and every later bitmap then lands inside an
                // arena that stays resident after the upload.
                _ = MallOpt(-3, 256 * 1024);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // not glibc: nothing to tune
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromSeconds(options.Value.IdleTrimSeconds);
        var native = options.Value.NativeTrimSeconds;
        var tick = native > 0 ? Math.Min(native, idle.TotalSeconds) : Math.Min(15, idle.TotalSeconds);
        // Wall-clock time, as the idle check: not the application's clock, which tests move by days at once
        // (each tick of a moved clock ran here: 40,320 trims for seven days).
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(tick), TimeProvider.System);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var last = Interlocked.Read(ref _lastRequest);
            if (Environment.TickCount64 - last < idle.TotalMilliseconds || _trimmedAfter == last)
            {
                if (native > 0)
                {
                    TrimNative();
                }
                continue;
            }
            _trimmedAfter = last;
            var before = Environment.WorkingSet;
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            TrimNative();
            logger.LogDebug("Idle: memory trimmed from {Before} to {After} MB", before / 1048576, Environment.WorkingSet / 1048576);
        }
    }

    /// <summary>Asks glibc to return the free pages inside its arenas (not only at their tops).</summary>
    private static void TrimNative()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                _ = MallocTrim(0);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
            }
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int param, int value);
}

/// <summary>The `Memory` settings.</summary>
public sealed class MemoryOptions
{
    public const string Section = "Memory";

    /// <summary>`Memory:IdleTrimSeconds`: how long without a request before memory is given back.</summary>
    [System.ComponentModel.DataAnnotations.Range(5, 86_400, ErrorMessage = "Memory:IdleTrimSeconds must be from 5 to 86400.")]
    public double IdleTrimSeconds { get; set; } = 60;

    /// <summary>`Memory:NativeTrimSeconds`: how often glibc's free native memory is returned under traffic (0: only when idle).</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 86_400, ErrorMessage = "Memory:NativeTrimSeconds must be from 0 (off) to 86400.")]
    public double NativeTrimSeconds { get; set; } = 5;
}
