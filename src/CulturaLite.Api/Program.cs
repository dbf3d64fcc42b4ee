using CulturaLite.Api.Accounts;
using CulturaLite.Api.Commands;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Media;
using CulturaLite.Api.Moderation;
using CulturaLite.Api.Moderation.Console;
using CulturaLite.Api.Notifications;
using CulturaLite.Api.Operations;
using CulturaLite.Api.Web;

if (ManagementCommands.WantsHelp(args))
{
    Console.Write(ManagementCommands.Usage);
    return 0;
}

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddWeb();
    builder.AddData();
    builder.AddAccounts();
    builder.AddEvents();
    builder.AddMedia();
    builder.AddModeration();
    builder.AddAdminConsole();
    builder.AddNotifications();
    builder.AddOperations();

    var app = builder.Build();
    // Every setting is checked before anything runs (the server, a command, a migration).
    app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();

    // `culturalite migrate`, `createsuperuser`, `seed-demo`: run the command instead of the server.
    if (await ManagementCommands.TryRunAsync(app, args) is { } exitCode)
    {
        return exitCode;
    }

    await app.Services.PrepareDatabaseAsync();
    app.UseWebEdge();
    // A cached public read is answered here, before the middleware below: they cost a third of a cache hit.
    app.UsePublicCache();
    app.UseWebGuards();
    app.UseOperations();
    app.UseMedia();
    app.UseAdminConsoleAssets();
    app.UseWebEndpoints();
    app.MapAdminConsole();
    return await app.RunServerAsync();
}
catch (Exception e) when (StartupFailure.Describe(e) is { } line && StartupFailure.IsProcessEntryPoint)
{
    // A missing or invalid setting: one line naming it, exit code 1 (no stack trace, no abort). Hosted by
    // another program (the tests' WebApplicationFactory), the exception goes to it instead.
    Console.Error.WriteLine(line);
    return 1;
}

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
