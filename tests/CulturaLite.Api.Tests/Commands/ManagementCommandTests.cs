using System.Diagnostics;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CulturaLite.Api.Tests.Commands;

/// <summary>The executable's manage.py-style commands, run as a real process on a fresh SQLite file.</summary>
[Trait("Category", "Slow")]
public sealed class ManagementCommandTests : IDisposable
{
    private readonly string _dir = TestScratch.Folder("cli");

    private string Database => Path.Combine(_dir, "cli.db");

    /// <summary>Settings given to the next runs as environment variables.</summary>
    private readonly Dictionary<string, string> _environment = [];

    public ManagementCommandTests() => Directory.CreateDirectory(_dir);

    private async Task<(int Exit, string Output)> RunAsync(string stdin, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CulturaLite.Api.dll"), .. args])
        {
            WorkingDirectory = _dir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["ConnectionStrings__Default"] = $"Data Source={Database}";
        psi.Environment["Jwt__SigningKey"] = ApiFactory.TestSigningKey;
        psi.Environment["AllowedHosts"] = "localhost";
        foreach (var (key, value) in _environment)
        {
            psi.Environment[key] = value;
        }
        using var process = Process.Start(psi)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    private long Scalar(string sql)
    {
        using var conn = new SqliteConnection($"Data Source={Database}");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }

    [Fact]
    public async Task Migrate_seed_demo_and_createsuperuser_work_from_the_command_line()
    {
        var migrate = await RunAsync("", "migrate");
        Assert.True(migrate.Exit == 0, migrate.Output);
        Assert.True(Scalar("SELECT count(*) FROM events_category") >= 10);

        var seed = await RunAsync("", "seed-demo", "--events", "60");
        Assert.True(seed.Exit == 0, seed.Output);
        Assert.Equal(60, Scalar("SELECT count(*) FROM events_event"));
        Assert.True(Scalar("SELECT count(DISTINCT status) FROM events_event") >= 2);

        var flags = await RunAsync("", "createsuperuser", "--email", "chief@example.com", "--password", "Chief-Pass-2026", "--name", "Asha Rao");
        Assert.True(flags.Exit == 0, flags.Output);
        Assert.Equal(1, Scalar("SELECT count(*) FROM users_user WHERE email = 'chief@example.com' AND role = 'admin' AND is_superuser = 1"));

        var prompted = await RunAsync("deputy@example.com\nDeputy-Pass-2026\nDeputy-Pass-2026\n", "createsuperuser");
        Assert.True(prompted.Exit == 0, prompted.Output);
        Assert.Equal(1, Scalar("SELECT count(*) FROM users_user WHERE email = 'deputy@example.com' AND role = 'admin'"));

        var mismatch = await RunAsync("third@example.com\nThird-Pass-2026\nOther-Pass-2026\n", "createsuperuser");
        Assert.NotEqual(0, mismatch.Exit);
        Assert.Contains("didn't match", mismatch.Output);

        var unknown = await RunAsync("", "frobnicate");
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("Unknown command", unknown.Output);
    }

    [Fact]
    public async Task Erase_account_closes_and_with_no_delay_erases_an_account_and_keeps_the_last_admin()
    {
        Assert.Equal(0, (await RunAsync("", "createsuperuser", "--email", "chief@example.com", "--password", "Chief-Pass-2026")).Exit);
        Assert.Equal(0, (await RunAsync("", "createsuperuser", "--email", "second@example.com", "--password", "Second-Pass-2026")).Exit);

        var missing = await RunAsync("", "erase-account");
        Assert.Equal(2, missing.Exit);
        Assert.Contains("--email is required", missing.Output);
        var unknown = await RunAsync("", "erase-account", "--email", "nobody@example.com");
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("no account has the address", unknown.Output);

        _environment["Privacy__ErasureDelayHours"] = "0";
        var erased = await RunAsync("", "erase-account", "--email", "Second@Example.com");
        Assert.True(erased.Exit == 0, erased.Output);
        Assert.Contains("is closed", erased.Output);
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM users_user WHERE email LIKE 'erased-%' AND erased_at IS NOT NULL"));
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM users_user WHERE normalized_email = 'second@example.com'"));

        var last = await RunAsync("", "erase-account", "--email", "chief@example.com");
        Assert.Equal(2, last.Exit);
        Assert.Contains("last admin", last.Output);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
