using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CulturaLite.Api.Tests.Privacy;

/// <summary>API.md "Personal data", retention: unverified accounts without events go after 30 days, report networks after 180.</summary>
public abstract class RetentionRulesTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : RetentionRulesTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : RetentionRulesTests(f), IClassFixture<PostgresApiFactory>;

    private Task RunAsync() =>
        RetentionJob.RunAsync(Factory.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, new RetentionOptions(), CancellationToken.None);

    [SkippableFact]
    public async Task Unverified_accounts_without_events_go_after_30_days_unless_verified_used_or_with_events()
    {
        _ = Client();
        var now = DateTime.UtcNow;
        async Task<int> AccountAsync(bool verified, int joinedDaysAgo, bool withEvent = false, int? loggedInDaysAgo = null) => await WithDb(async db =>
        {
            var user = await Seed.UserAsync(db);
            if (withEvent)
            {
                await Seed.EventAsync(db, user, "Pune", now.AddDays(5), status: EventStatus.Pending);
            }
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.EmailVerified, verified)
                .SetProperty(u => u.DateJoined, now.AddDays(-joinedDaysAgo))
                .SetProperty(u => u.LastLogin, loggedInDaysAgo is { } days ? now.AddDays(-days) : null));
            return user.Id;
        });
        var stale = await AccountAsync(verified: false, joinedDaysAgo: 31);
        var young = await AccountAsync(verified: false, joinedDaysAgo: 29);
        var verified = await AccountAsync(verified: true, joinedDaysAgo: 400);
        var withEvent = await AccountAsync(verified: false, joinedDaysAgo: 400, withEvent: true);
        var inUse = await AccountAsync(verified: false, joinedDaysAgo: 400, loggedInDaysAgo: 2);

        await RunAsync();

        var left = await WithDb(db => db.Users.Where(u => new[] { stale, young, verified, withEvent, inUse }.Contains(u.Id)).Select(u => u.Id).ToListAsync());
        Assert.Equal(new[] { young, verified, withEvent, inUse }.Order(), left.Order());
    }

    [SkippableFact]
    public async Task A_reports_network_is_forgotten_after_180_days_and_the_report_stays()
    {
        _ = Client();
        var (old, recent) = await WithDb(async db =>
        {
            var user = await Seed.UserAsync(db);
            var e = await Seed.EventAsync(db, user, "Pune", DateTime.UtcNow.AddDays(5));
            var a = EventReport.File(e.Id, "spam", null, "net:203.0.113.0/24", DateTime.UtcNow.AddDays(-181));
            var b = EventReport.File(e.Id, "spam", null, "net:198.51.100.0/24", DateTime.UtcNow.AddDays(-179));
            db.EventReports.AddRange(a, b);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });

        await RunAsync();

        var reporters = await WithDb(db => db.EventReports.Where(r => r.Id == old || r.Id == recent).ToDictionaryAsync(r => r.Id, r => r.Reporter));
        Assert.Equal($"expired:{old}", reporters[old]);
        Assert.Equal("net:198.51.100.0/24", reporters[recent]);
    }
}
