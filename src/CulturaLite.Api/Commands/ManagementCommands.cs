using CulturaLite.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Commands;

/// <summary>
/// The service's manage.py: when the first argument names a command, the executable runs it
/// against the configured database and exits instead of serving.
/// </summary>
public static class ManagementCommands
{
    public static async Task<int?> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return null;
        }
        var options = ParseOptions(args.Skip(1).ToArray());
        var services = app.Services;
        try
        {
            switch (args[0])
            {
                case "migrate":
                    await services.PrepareDatabaseAsync(force: true);
                    Console.WriteLine("Migrations applied; categories seeded.");
                    return 0;
                case "createsuperuser":
                    await services.PrepareDatabaseAsync();
                    return await CreateSuperuserCommand.RunAsync(services, options);
                case "seed-demo":
                    await services.PrepareDatabaseAsync();
                    return await SeedDemoCommand.RunAsync(services, options);
                case "erase-account":
                    await services.PrepareDatabaseAsync();
                    return await EraseAccountAsync(services, options);
                case "send-digests":
                    await services.PrepareDatabaseAsync();
                    return await SendDigestsAsync(services, options);
                case "import-django":
                    await services.PrepareDatabaseAsync();
                    return await ImportDjangoCommand.RunAsync(services, options, Console.Out);
                default:
                    Console.Error.WriteLine($"Unknown command '{args[0]}'.");
                    Console.Error.Write(Usage);
                    return 2;
            }
        }
        catch (CommandException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }

    private static async Task<int> EraseAccountAsync(IServiceProvider services, Dictionary<string, string> options)
    {
        var email = options.GetValueOrDefault("email");
        if (string.IsNullOrWhiteSpace(email))
        {
            throw new CommandException("Error: --email is required.");
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var id = await db.Users.Where(u => u.NormalizedEmail == Accounts.User.NormalizeEmail(email)).Select(u => (int?)u.Id).FirstOrDefaultAsync();
        if (id is null)
        {
            throw new CommandException($"Error: no account has the address {email}.");
        }
        var outcome = await scope.ServiceProvider.GetRequiredService<Privacy.AccountErasure>().RequestAsync(id.Value, CancellationToken.None);
        if (!outcome.Succeeded)
        {
            throw new CommandException("Error: " + outcome.Sentence);
        }
        Console.WriteLine($"Account {id} is closed; it is erased by {Web.UtcDateTimeConverter.Format(outcome.Value)}.");
        return 0;
    }

    /// <summary>`send-digests --frequency F`: that frequency's digests now, as if due (each holds only what is new).</summary>
    private static async Task<int> SendDigestsAsync(IServiceProvider services, Dictionary<string, string> options)
    {
        var frequency = options.GetValueOrDefault("frequency")?.Trim().ToLowerInvariant();
        if (frequency is null || !Alerts.DigestFrequency.All.Contains(frequency))
        {
            throw new CommandException("Error: --frequency must be weekly or daily.");
        }
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<Alerts.Digests>().RunAsync(frequency, asIfDue: true, CancellationToken.None);
        Console.WriteLine($"{result.Sent} {frequency} digests queued for {result.Subscriptions} subscriptions; the email outbox sends them.");
        return 0;
    }

    /// <summary>`--help`, `-h` or `help` anywhere first: the usage, before any setting is read or checked.</summary>
    public static bool WantsHelp(string[] args) => args is ["--help" or "-h" or "help", ..];

    public const string Usage = """
        Usage: CulturaLite.Api [command] [options]
          (no command) [--urls http://127.0.0.1:PORT]
                                            run the web server
          migrate                           apply pending migrations and exit
          createsuperuser --email E --password P [--name N]
                                            create an admin, or promote an existing user (prompts without flags)
          seed-demo [--events N] [--vendors N]
                                            demo categories, vendors and events
          import-django --from postgres://user:pass@host:port/db [--dry-run]
                                            copy the Django backend's users, categories, events and notifications
          send-digests --frequency weekly|daily
                                            send that frequency's email digests now, as if due
          erase-account --email E           erase an account (a grievance request): closed now, erased after Privacy__ErasureDelayHours
          --help                            this text
        Settings come from appsettings.json and environment variables (Jwt__SigningKey ...): see docs/configuration.md.

        """;

    public static Dictionary<string, string> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new CommandException($"Unexpected argument '{args[i]}'.");
            }
            var key = args[i][2..];
            var eq = key.IndexOf('=');
            if (eq >= 0)
            {
                options[key[..eq]] = key[(eq + 1)..];
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                options[key] = args[++i];
            }
            else
            {
                options[key] = "true";
            }
        }
        return options;
    }
}

public sealed class CommandException(string message) : Exception(message);
