using System.Net.Http.Headers;
using CulturaLite.Api.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CulturaLite.Api.Tests.Infrastructure;

public enum Db
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Hosts the real application (real middleware, real migrations) on a real database of its own:
/// a fresh SQLite file, or a fresh database in the run's throwaway PostgreSQL cluster.
/// </summary>
public abstract class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string TestSigningKey = "test-signing-key-that-is-long-enough-0123456789abcdef";

    private readonly string _scratch = TestScratch.Folder("tests");

    public abstract Db Database { get; }
    public string ConnectionString { get; private set; } = "";
    public string MediaRoot => Path.Combine(_scratch, "media");
    public string MailPickup => Path.Combine(_scratch, "mail");

    /// <summary>Where clients send requests: the in-memory test server, or Kestrel's port when a test needs a real socket.</summary>
    protected virtual Uri BaseAddress => new("http://localhost");

    /// <summary>Where clients send requests (<see cref="BaseAddress"/>): a port of its own when Kestrel serves.</summary>
    public Uri Address => BaseAddress;

    /// <summary>Why this database cannot be used on this machine; null when it can.</summary>
    public virtual string? UnavailableReason => null;

    /// <summary>Extra settings a test class needs (rate limits on, SMTP host, ...).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public virtual async Task InitializeAsync()
    {
        Directory.CreateDirectory(_scratch);
        ConnectionString = await CreateDatabaseAsync();
    }

    protected abstract Task<string> CreateDatabaseAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = Database == Db.Postgres ? "postgres" : "sqlite",
            ["ConnectionStrings:Default"] = ConnectionString,
            ["Jwt:SigningKey"] = TestSigningKey,
            ["RateLimiting:Enabled"] = "false",
            ["Media:Root"] = MediaRoot,
            // The test client is the only caller; its Host is the test's own.
            ["Media:TrustRequestHost"] = "true",
            ["Email:PickupDirectory"] = MailPickup,
            ["Email:PollSeconds"] = "1",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Critical",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(s => s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, PeerAddress>());
    }

    public AppDbContext NewDbContext(out IServiceScope scope)
    {
        scope = Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<AppDbContext>();
    }

    public HttpClient Client(string? accessToken = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = BaseAddress });
        if (accessToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
        return client;
    }

    /// <summary>A client whose requests arrive from <paramref name="peer"/> (see <see cref="PeerAddress"/>).</summary>
    public HttpClient ClientFrom(string peer, string? accessToken = null)
    {
        var client = Client(accessToken);
        client.DefaultRequestHeaders.Add(PeerAddress.Header, peer);
        return client;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        // The virtual one, so a derived factory also stops what it started (an SMTP server, say).
        await DisposeAsync();
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public class SqliteApiFactory : ApiFactory
{
    public override Db Database => Db.Sqlite;

    protected override Task<string> CreateDatabaseAsync() =>
        Task.FromResult($"Data Source={Path.Combine(MediaRoot, "..", "test.db")};Default Timeout=30");
}

public class PostgresApiFactory : ApiFactory
{
    public override Db Database => Db.Postgres;

    public override string? UnavailableReason => PostgresCluster.Instance.UnavailableReason;

    protected override Task<string> CreateDatabaseAsync() =>
        UnavailableReason is null ? PostgresCluster.Instance.CreateDatabaseAsync() : Task.FromResult("Host=unavailable");
}
