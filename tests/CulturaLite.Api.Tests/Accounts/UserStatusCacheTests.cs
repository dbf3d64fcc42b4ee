using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CulturaLite.Api.Tests.Accounts;

/// <summary>The per-instance user-state cache trusts nothing after the change feed says it may have missed messages.</summary>
public sealed class UserStatusCacheTests(SqliteApiFactory factory) : ApiTest(factory), IClassFixture<SqliteApiFactory>
{
    [SkippableFact]
    public async Task A_reconnect_message_drops_every_cached_user_state()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var statuses = Factory.Services.GetRequiredService<UserStatusCache>();
        Assert.True((await statuses.GetAsync(vendor.Id, CancellationToken.None))!.IsActive);
        // Another instance deactivated the user and its message was lost while the feed was down.
        await WithDb(db => db.Users.Where(u => u.Id == vendor.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));
        Assert.True((await statuses.GetAsync(vendor.Id, CancellationToken.None))!.IsActive);

        Factory.Services.GetRequiredService<ChangeFeed>().Deliver(ChangeFeed.Everything);

        Assert.False((await statuses.GetAsync(vendor.Id, CancellationToken.None))!.IsActive);
    }
}

/// <summary>
/// The cache's own rules, on caches built here: two of them joined by a loopback transport stand for two
/// instances of the service (the process tests in <c>MultiInstanceTests</c> prove the same over PostgreSQL).
/// </summary>
public sealed class UserStatusCacheRuleTests(SqliteApiFactory factory) : ApiTest(factory), IClassFixture<SqliteApiFactory>
{
    private UserStatusCache Build(ChangeFeed feed, double seconds = 15, int maxAccounts = UserStatusCache.MaxAccounts) =>
        new(Factory.Services.GetRequiredService<IServiceScopeFactory>(), feed,
            Microsoft.Extensions.Options.Options.Create(new AuthOptions { UserStatusCacheSeconds = seconds }), maxAccounts);

    private Task Deactivate(int userId) =>
        WithDb(db => db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));

    [SkippableFact]
    public async Task With_a_lifetime_of_zero_every_request_reads_the_database()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        using var statuses = Build(new ChangeFeed(), seconds: 0);

        Assert.True((await statuses.GetAsync(vendor.Id, CancellationToken.None))!.IsActive);
        Assert.Equal(0, statuses.Count);
        await Deactivate(vendor.Id);
        Assert.False((await statuses.GetAsync(vendor.Id, CancellationToken.None))!.IsActive);
    }

    [SkippableFact]
    public async Task The_store_holds_no_more_accounts_than_its_bound()
    {
        _ = Client();
        using var statuses = Build(new ChangeFeed(), maxAccounts: 2);
        for (var id = 1_000_001; id <= 1_000_005; id++)
        {
            Assert.Null(await statuses.GetAsync(id, CancellationToken.None));
        }
        Assert.InRange(statuses.Count, 1, 2);
    }

    [SkippableFact]
    public async Task Forgetting_a_user_on_one_instance_drops_it_on_the_other()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var (here, there) = (new ChangeFeed(), new ChangeFeed());
        var sent = new List<string>();
        here.Transport = message =>
        {
            sent.Add(message);
            there.Deliver(message);
            return Task.CompletedTask;
        };
        using var local = Build(here);
        using var remote = Build(there);
        Assert.True((await remote.GetAsync(vendor.Id, CancellationToken.None))!.IsActive);
        await Deactivate(vendor.Id);
        Assert.True((await remote.GetAsync(vendor.Id, CancellationToken.None))!.IsActive);

        local.Forget(vendor.Id);

        Assert.Equal([$"user:{vendor.Id}"], sent);
        Assert.False((await remote.GetAsync(vendor.Id, CancellationToken.None))!.IsActive);
    }

    [SkippableFact]
    public async Task A_message_about_another_user_or_another_topic_drops_nothing()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var feed = new ChangeFeed();
        using var statuses = Build(feed);
        Assert.True((await statuses.GetAsync(vendor.Id, CancellationToken.None))!.IsActive);
        await Deactivate(vendor.Id);

        feed.Deliver($"user:{vendor.Id + 1}");
        feed.Deliver("events");
        feed.Deliver($"user:x{vendor.Id}");

        Assert.True((await statuses.GetAsync(vendor.Id, CancellationToken.None))!.IsActive);
        feed.Deliver($"user:{vendor.Id}");
        Assert.False((await statuses.GetAsync(vendor.Id, CancellationToken.None))!.IsActive);
    }
}
