using CulturaLite.Api.Commands;
using CulturaLite.Api.Data;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CulturaLite.Api.Tests.Commands;

public sealed class DevelopmentPostgresFactory : PostgresApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
    }
}

/// <summary>
/// The published demo admin must never end up in a production database: a Development start seeds the demo
/// into SQLite only, unless `Database:SeedDemo=true` is set explicitly.
/// </summary>
public sealed class DemoSeedingTests(DevelopmentPostgresFactory factory) : ApiTest(factory), IClassFixture<DevelopmentPostgresFactory>
{
    [SkippableFact]
    public async Task A_development_start_on_postgres_seeds_no_demo_and_no_demo_admin()
    {
        _ = Client();
        var firstRun = Factory.Services.GetServices<IHostedService>().OfType<FirstRunDemo>().Single();

        await firstRun.ExecuteTask!.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.False(await WithDb(db => db.Users.AnyAsync(u => u.Email == SeedDemoCommand.DemoAdminEmail)));
        Assert.False(await WithDb(db => db.Events.AnyAsync()));
    }

    [Theory]
    [InlineData("Development", DatabaseProvider.Sqlite, null, true)]
    [InlineData("Development", DatabaseProvider.Sqlite, false, false)]
    [InlineData("Development", DatabaseProvider.Postgres, null, false)]
    [InlineData("Development", DatabaseProvider.Postgres, true, true)]
    [InlineData("Production", DatabaseProvider.Sqlite, null, false)]
    [InlineData("Production", DatabaseProvider.Postgres, true, false)]
    [InlineData("Testing", DatabaseProvider.Sqlite, true, false)]
    public void The_demo_is_seeded_only_in_development_into_sqlite_unless_asked_for_explicitly(
        string environment, DatabaseProvider provider, bool? setting, bool seeds) =>
        Assert.Equal(seeds, new DemoOptions { SeedDemo = setting }.Seeds(environment == "Development", provider));
}
