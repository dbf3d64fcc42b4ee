using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Notifications;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CulturaLite.Api.Tests.Data;

/// <summary>Rows that only grow are removed by rule, in batches, and two runs at once only share the work.</summary>
public abstract class RetentionTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : RetentionTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : RetentionTests(f), IClassFixture<PostgresApiFactory>;

    [SkippableFact]
    public async Task Expired_tokens_and_old_sent_emails_go_while_live_tokens_and_unsent_or_recent_emails_stay()
    {
        _ = Client();
        var user = await Sessions.SignInAsync(Factory);
        var now = DateTime.UtcNow;
        var marker = Unique("ret");
        await WithDb(async db =>
        {
            for (var i = 0; i < 5; i++)
            {
                db.RefreshTokens.Add(RefreshToken.Issue(user.Id, Guid.NewGuid(), $"{marker}-expired-{i}", now.AddDays(-9), now.AddDays(-2)));
                db.OutboxEmails.Add(OutboxEmail.Create($"{marker}-old-{i}@example.com", "s", "b", "example.com", now.AddDays(-40)));
            }
            db.RefreshTokens.Add(RefreshToken.Issue(user.Id, Guid.NewGuid(), $"{marker}-live", now, now.AddDays(7)));
            db.OutboxEmails.Add(OutboxEmail.Create($"{marker}-recent@example.com", "s", "b", "example.com", now.AddDays(-1)));
            db.OutboxEmails.Add(OutboxEmail.Create($"{marker}-unsent@example.com", "s", "b", "example.com", now.AddDays(-40)));
            await db.SaveChangesAsync();
            await db.OutboxEmails.Where(m => m.To.StartsWith(marker + "-old-")).ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now.AddDays(-39)));
            await db.OutboxEmails.Where(m => m.To.StartsWith(marker + "-recent")).ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now.AddDays(-1)));
        });
        var scopes = Factory.Services.GetRequiredService<IServiceScopeFactory>();
        var options = new RetentionOptions { SentEmailDays = 30, BatchSize = 2 };

        // Two instances' jobs at the same moment.
        var runs = await Task.WhenAll(
            RetentionJob.RunAsync(scopes, TimeProvider.System, options, CancellationToken.None),
            RetentionJob.RunAsync(scopes, TimeProvider.System, options, CancellationToken.None));

        Assert.True(runs.Sum(r => r.Tokens) >= 5);
        Assert.True(runs.Sum(r => r.Emails) >= 5);
        var (tokens, emails) = await WithDb(async db => (
            await db.RefreshTokens.Where(t => t.TokenHash.StartsWith(marker)).Select(t => t.TokenHash).ToListAsync(),
            await db.OutboxEmails.Where(m => m.To.StartsWith(marker)).Select(m => m.To).ToListAsync()));
        Assert.Equal([$"{marker}-live"], tokens);
        Assert.Equal(new[] { $"{marker}-recent@example.com", $"{marker}-unsent@example.com" }, emails.Order());
    }
}
