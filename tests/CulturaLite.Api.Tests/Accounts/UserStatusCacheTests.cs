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
