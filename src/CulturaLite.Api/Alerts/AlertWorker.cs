using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Alerts;

/// <summary>
/// The alerts' background work, on every instance: the digests that are due (<see cref="Digests"/>), the notices of
/// public changes (<see cref="AlertNotices"/>), and forgetting the per-address email counts older than a day.
/// </summary>
public sealed class AlertWorker(IServiceScopeFactory scopes, AlertSignal signal, IOptions<AlertOptions> options, TimeProvider clock, ILogger<AlertWorker> logger)
    : DueWorkSender(signal, logger)
{
    protected override TimeSpan Poll => TimeSpan.FromSeconds(Math.Max(0.1, options.Value.PollSeconds));

    protected override string Name => "Alerts";

    protected override async Task<bool> PassAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var frequency in DigestFrequency.All)
        {
            if (await db.Set<Subscription>().AnyAsync(s => s.Frequency == frequency && s.ConfirmedAt != null && s.NextDigestAt <= now, ct))
            {
                await using var run = scopes.CreateAsyncScope();
                await run.ServiceProvider.GetRequiredService<Digests>().RunAsync(frequency, asIfDue: false, ct);
            }
        }
        var dayAgo = now.AddDays(-1);
        await db.Set<SentToAddress>().Where(a => a.SentAt < dayAgo).ExecuteDeleteAsync(ct);
        await db.Set<AlertNotice>().Where(n => n.DoneAt < dayAgo).ExecuteDeleteAsync(ct);
        var twoDaysAgo = now.AddDays(-2);
        await db.Set<PushMessage>().Where(m => m.FinishedAt < twoDaysAgo).ExecuteDeleteAsync(ct);
        return await scope.ServiceProvider.GetRequiredService<AlertNotices>().ProcessAsync(ct);
    }
}
