using System.Diagnostics;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Commands;

/// <summary>
/// An operator's bad setting stops the server, and every command, with one line naming the setting and
/// exit code 1: no stack trace, no abort (a real process, as the operator starts it).
/// </summary>
[Trait("Category", "Slow")]
public sealed class StartupErrorTests : IDisposable
{
    private readonly string _dir = TestScratch.Folder("startup");

    public StartupErrorTests() => Directory.CreateDirectory(_dir);

    private async Task<(int Exit, string[] Lines)> RunAsync(string[] args, params (string Key, string Value)[] settings)
    {
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CulturaLite.Api.dll"), .. args])
        {
            WorkingDirectory = _dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(_dir, "s.db")}";
        psi.Environment["Jwt__SigningKey"] = ApiFactory.TestSigningKey;
        psi.Environment["Media__Root"] = Path.Combine(_dir, "media");
        psi.Environment["AllowedHosts"] = "localhost";
        foreach (var (key, value) in settings)
        {
            psi.Environment[key] = value;
        }
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var text = await output + await errors;
        return (process.ExitCode, text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Theory]
    [InlineData("AllowedHosts", "", "Media:PublicBaseUrl")]
    [InlineData("Site__TimeZone", "Mars/Olympus_Mons", "Site:TimeZone")]
    [InlineData("Database__Provider", "oracle", "Database:Provider")]
    [InlineData("ForwardedHeaders__KnownProxies__0", "not-an-address", "ForwardedHeaders:KnownProxies")]
    [InlineData("Media__Storage", "ftp", "Media:Storage")]
    [InlineData("Jwt__SigningKey", "short", "Jwt:SigningKey")]
    [InlineData("Push__VapidPublicKey", "BAD", "Push:VapidPublicKey")]
    [InlineData("Alerts__WeeklyAt", "Someday 25:00", "Alerts:WeeklyAt")]
    public async Task A_bad_setting_stops_the_server_with_one_line_naming_it_and_exit_code_1(string key, string value, string named)
    {
        var (exit, lines) = await RunAsync(["--urls", $"http://127.0.0.1:{Ports.Free()}"], (key, value));

        Assert.Equal(1, exit);
        var line = Assert.Single(lines);
        Assert.Contains(named, line);
    }

    [Theory]
    [InlineData("Database__Provider", "oracle", "Database:Provider")]
    [InlineData("ForwardedHeaders__KnownNetworks__0", "10.0.0.0/99", "ForwardedHeaders:KnownNetworks")]
    [InlineData("Media__Storage", "ftp", "Media:Storage")]
    public async Task A_bad_setting_stops_a_command_with_one_line_naming_it_and_exit_code_1(string key, string value, string named)
    {
        var (exit, lines) = await RunAsync(["migrate"], (key, value));

        Assert.Equal(1, exit);
        var line = Assert.Single(lines);
        Assert.Contains(named, line);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_prints_the_usage_and_exits_without_starting_the_server_even_with_a_bad_setting(string flag)
    {
        // `--urls` after it is not swallowed into a server start: nothing listens, the usage names the option.
        var (exit, lines) = await RunAsync([flag, "--urls", $"http://127.0.0.1:{Ports.Free()}"], ("Jwt__SigningKey", "short"));

        Assert.Equal(0, exit);
        Assert.StartsWith("Usage:", lines[0]);
        Assert.Contains(lines, l => l.Contains("--urls"));
        Assert.Contains(lines, l => l.StartsWith("migrate"));
        Assert.DoesNotContain(lines, l => l.Contains("Now listening") || l.Contains("Jwt:SigningKey"));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
