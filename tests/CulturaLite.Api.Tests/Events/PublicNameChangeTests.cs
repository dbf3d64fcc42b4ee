using System.Net;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Events;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CulturaLite.Api.Tests.Events;

/// <summary>
/// A vendor's public name is public data: renaming the organization shows on cached share pages at once.
/// What is not public (a login's stamp) evicts nothing. And the count cache cannot push out account states.
/// </summary>
public abstract class PublicNameChangeTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : PublicNameChangeTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : PublicNameChangeTests(f), IClassFixture<PostgresApiFactory>;

    [SkippableFact]
    public async Task Renaming_the_organization_shows_on_a_cached_share_page_at_once()
    {
        var (email, _, login) = await RegisterAndLoginAsync();
        var vendor = Client((string)login["access"]!);
        Assert.Equal(HttpStatusCode.OK, (await vendor.PatchAsync("/api/auth/me/", Body(new { organization_name = "Old Sabha" }))).StatusCode);
        var id = (int)(await Json(await vendor.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Renamed"))))))["id"]!;
        var (_, admin) = await SessionsAsync();
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);
        Assert.Contains("Old Sabha", await Client().GetStringAsync($"/e/{id}"));
        Assert.NotNull((await Client().GetAsync($"/e/{id}")).Headers.Age);

        Assert.Equal(HttpStatusCode.OK, (await vendor.PatchAsync("/api/auth/me/", Body(new { organization_name = "New Sabha" }))).StatusCode);

        var page = await Client().GetStringAsync($"/e/{id}");
        Assert.Contains("New Sabha", page);
        Assert.DoesNotContain("Old Sabha", page);
        _ = email;
    }

    [SkippableFact]
    public async Task A_login_evicts_nothing_public()
    {
        var (email, password, _) = await RegisterAndLoginAsync();
        var city = Unique("Loginpur");
        var (vendor, _) = await SessionsAsync();
        await WithDb(async db => await Seed.EventAsync(db, (await db.Users.FindAsync(vendor.Id))!, city, DateTime.UtcNow.AddDays(5)));
        await Client().GetAsync($"/api/events/?city={city}");

        Assert.Equal(HttpStatusCode.OK, (await Client().PostAsync("/api/auth/login/", Body(new { email, password }))).StatusCode);

        Assert.NotNull((await Client().GetAsync($"/api/events/?city={city}")).Headers.Age);
    }

    [SkippableFact]
    public async Task A_flood_of_count_keys_does_not_push_account_states_out_of_their_cache()
    {
        _ = Client();
        var session = await Sessions.SignInAsync(Factory);
        var statuses = Factory.Services.GetRequiredService<UserStatusCache>();
        Assert.Equal(true, (await statuses.GetAsync(session.Id, default))?.IsActive);
        // Deactivated behind the cache's back (no Forget): only a cached status still says active.
        await WithDb(db => db.Users.Where(u => u.Id == session.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false)));

        var cache = Factory.Services.GetRequiredService<PublicCache>();
        for (var i = 0; i < 120_000; i++)
        {
            await cache.GetOrCreateAsync($"count:flood-{i}", () => Task.FromResult(i));
        }
        await Task.Delay(500); // compaction runs in the background

        Assert.Equal(true, (await statuses.GetAsync(session.Id, default))?.IsActive);
    }
}
