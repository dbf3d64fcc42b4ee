using System.Diagnostics;
using System.Threading.RateLimiting;

namespace CulturaLite.Api.Accounts;

/// <summary>
/// A fixed window of permits for one client whose refusals say when the window actually ends: the
/// library's fixed window answers every refusal with the whole window (a `Retry-After` of 60 even when
/// the budget comes back in 3 seconds). Its windows start when it is made and follow its own timer.
/// </summary>
public sealed class WindowLimiter : RateLimiter
{
    private readonly FixedWindowRateLimiter _inner;
    private readonly TimeSpan _window;
    private readonly long _start = Stopwatch.GetTimestamp();

    public WindowLimiter(int permits, TimeSpan window)
    {
        _window = window;
        _inner = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>How long until the current window ends (at least one second, rounded up by the caller).</summary>
    public TimeSpan UntilWindowEnds => _window - TimeSpan.FromTicks(Stopwatch.GetElapsedTime(_start).Ticks % _window.Ticks);

    public override TimeSpan? IdleDuration => _inner.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => _inner.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Timed(_inner.AttemptAcquire(permitCount));

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        Timed(await _inner.AcquireAsync(permitCount, cancellationToken));

    private RateLimitLease Timed(RateLimitLease lease) => lease.IsAcquired ? lease : new Refusal(lease, UntilWindowEnds);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }
        base.Dispose(disposing);
    }

    protected override ValueTask DisposeAsyncCore() => _inner.DisposeAsync();

    private sealed class Refusal(RateLimitLease inner, TimeSpan retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => inner.MetadataNames.Append(MetadataName.RetryAfter.Name).Distinct();

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = retryAfter;
                return true;
            }
            return inner.TryGetMetadata(metadataName, out metadata);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
