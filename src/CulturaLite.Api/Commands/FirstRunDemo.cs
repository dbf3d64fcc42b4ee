using CulturaLite.Api.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Commands;

/// <summary>
/// A newcomer's first `dotnet run` shows the product: in Development, once the server listens and
/// the database has no events, the demo is seeded (vendors, events in every status with locally
/// drawn posters, a demo admin), and the console says where everything is. Only into SQLite unless
/// `Database:SeedDemo=true`; `Database:SeedDemo=false` turns it off; it never runs outside Development.
/// </summary>
public sealed class FirstRunDemo(
    IHostApplicationLifetime lifetime,
    IHostEnvironment environment,
    Microsoft.Extensions.Options.IOptions<Data.DemoOptions> demo,
    IServer server,
    DatabaseOptions database,
    IServiceProvider services,
    ILogger<FirstRunDemo> logger) : BackgroundService
{
    public const int DemoEvents = 300;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!demo.Value.Seeds(environment.IsDevelopment(), database.Provider))
        {
            return;
        }
        var started = new TaskCompletionSource();
        using var _ = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        var origin = (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:8000")
            .Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost");
        string? seeded = null;
        string? logins = null;
        try
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (!await db.Events.AnyAsync(stoppingToken))
            {
                seeded = await SeedDemoCommand.SeedAsync(services, DemoEvents, 6, origin);
            }
            // On every start, not only the first: the logins are what a newcomer looks for.
            logins = await SeedDemoCommand.LoginsAsync(db, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("The demo could not be seeded: {Message}", e.Message);
        }
        Console.WriteLine($"""

            CulturaLite is running (Development).
              Site       {origin}/
              Organizers {origin}/vendor/
              API        {origin}/api/events/
              API docs   {origin}/scalar
              Console    {origin}/admin
              {seeded?.Split('\n')[0] ?? "The database already has events; nothing was seeded."}
              {logins ?? "No demo account in this database (seed-demo adds them)."}
              Database__SeedDemo=false turns the demo off.

            """);
    }
}
