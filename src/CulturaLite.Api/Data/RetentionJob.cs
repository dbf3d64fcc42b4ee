using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Data;

/// <summary>`Retention:*` settings: how long rows that only grow are kept.</summary>
public sealed class RetentionOptions
{
    /// <summary>Sent emails are kept this many days (for support questions), then removed.</summary>
    public int SentEmailDays { get; set; } = 30;
    public int BatchSize { get; set; } = 1000;
    public double IntervalMinutes { get; set; } = 60;
}

/// <summary>
/// Removes what no one needs any more, once an hour, in small batches: refresh tokens past their
/// expiry (revoked ones are kept until then, so a replayed token is still recognised as theft) and
/// sent emails older than `Retention:SentEmailDays`. Notifications are kept. Every instance may run
/// it at the same time: each batch is one DELETE of rows matching the rule, so two runs only share
/// the work.
/// </summary>
public sealed class RetentionJob(IServiceScopeFactory scopes, TimeProvider clock, Microsoft.Extensions.Options.IOptions<RetentionOptions> options, ILogger<RetentionJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.Value.IntervalMinutes)), clock);
        do
        {
            try
            {
                await RunAsync(scopes, clock, options.Value, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Retention pass failed: {Message}", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public sealed record Removed(int Tokens, int Emails, int Links = 0);

    public static async Task<Removed> RunAsync(IServiceScopeFactory scopes, TimeProvider clock, RetentionOptions options, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var sentBefore = now.AddDays(-Math.Max(0, options.SentEmailDays));
        var batch = Math.Max(1, options.BatchSize);
        var tokens = await InBatchesAsync(() => db.RefreshTokens.Where(t => t.ExpiresAt < now).OrderBy(t => t.Id).Take(batch).ExecuteDeleteAsync(ct), batch);
        var emails = await InBatchesAsync(() => db.OutboxEmails.Where(m => m.SentAt != null && m.SentAt < sentBefore).OrderBy(m => m.Id).Take(batch).ExecuteDeleteAsync(ct), batch);
        // Emailed links once expired, kept for the hour the per-address cap counts them.
        var issuedBefore = now.AddHours(-1);
        var links = await InBatchesAsync(() => db.AccountTokens.Where(t => t.ExpiresAt < now && t.CreatedAt < issuedBefore).OrderBy(t => t.Id).Take(batch).ExecuteDeleteAsync(ct), batch);
        // Where a login was opened is kept for 90 days (API.md, Personal data); a chain whose tokens are all purged goes.
        var networksBefore = now.AddDays(-90);
        await db.LoginSessions.Where(s => s.CreatedAt < networksBefore && (s.UserAgent != null || s.IpNetwork != null))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.UserAgent, (string?)null).SetProperty(x => x.IpNetwork, (string?)null), ct);
        await db.LoginSessions.Where(s => s.CreatedAt < now && !db.RefreshTokens.Any(t => t.FamilyId == s.Id)).ExecuteDeleteAsync(ct);
        // Unverified vendor accounts without events after 30 days (API.md, Personal data); one used in that time
        // (a login) is kept, so that an account copied from the Django backend is not removed while its owner uses it.
        var joinedBefore = now.AddDays(-Privacy.PrivacyController.UnverifiedAccountsDays);
        await db.Users.Where(u => !u.EmailVerified && u.ErasedAt == null && u.Role == Accounts.Roles.Vendor && u.DateJoined < joinedBefore
                && (u.LastLogin == null || u.LastLogin < joinedBefore) && !db.Events.Any(e => e.VendorId == u.Id))
            .ExecuteDeleteAsync(ct);
        // A report's network is kept for 180 days; then the report stays (it still counts) under a reporter of its own.
        var reportedBefore = now.AddDays(-Privacy.PrivacyController.ReportNetworksDays);
        await db.EventReports.Where(r => r.CreatedAt < reportedBefore && r.Reporter.StartsWith("net:"))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Reporter, r => "expired:" + r.Id), ct);
        // Accounts whose erasure is due (DPDP Act: asked for by the owner or an admin, after Privacy:ErasureDelayHours).
        await scope.ServiceProvider.GetRequiredService<Privacy.AccountErasure>().EraseDueAsync(ct);
        return new Removed(tokens, emails, links);
    }

    private static async Task<int> InBatchesAsync(Func<Task<int>> deleteBatch, int batch)
    {
        var total = 0;
        int removed;
        do
        {
            removed = await deleteBatch();
            total += removed;
        }
        while (removed == batch);
        return total;
    }
}
