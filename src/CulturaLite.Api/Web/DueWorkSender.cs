namespace CulturaLite.Api.Web;

/// <summary>
/// A background sender (the email outbox, webhooks) that works through what is due, pass after pass while more may be
/// waiting, then sleeps until a save wakes it or its poll interval passes. A failed pass is logged and tried again.
/// </summary>
public abstract class DueWorkSender(WakeSignal signal, ILogger logger) : BackgroundService
{
    protected ILogger Log { get; } = logger;

    protected abstract TimeSpan Poll { get; }

    /// <summary>What the log calls it when a pass fails.</summary>
    protected abstract string Name { get; }

    /// <summary>One pass; true when more may be waiting.</summary>
    protected abstract Task<bool> PassAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await PassAsync(stoppingToken))
                {
                    // more may be waiting
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.LogWarning("{Sender} pass failed: {Message}", Name, e.Message);
            }
            try
            {
                await signal.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
