using Npgsql;

namespace CulturaLite.Api.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which database to use: `DATABASE_URL` (postgres://user:pass@host:port/db, as hosting platforms
/// give it) wins; otherwise `Database:Provider` with `ConnectionStrings:Default`; otherwise a SQLite
/// file in the content root.
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString, bool MigrateOnStartup)
{
    public static DatabaseOptions From(IConfiguration configuration, string contentRoot)
    {
        var migrate = configuration.GetValue("Database:MigrateOnStartup", true);
        var url = configuration["DATABASE_URL"];
        if (!string.IsNullOrWhiteSpace(url))
        {
            return new(DatabaseProvider.Postgres, FromUrl(url), migrate);
        }
        var providerText = configuration["Database:Provider"];
        var provider = providerText?.Trim().ToLowerInvariant() switch
        {
            null or "" or "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
            _ => throw new Web.SettingException(
                $"Database:Provider must be 'sqlite' or 'postgres'; '{providerText}' is not supported."),
        };
        var connection = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connection))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                throw new Web.SettingException(
                    "Database:Provider is 'postgres' but neither DATABASE_URL nor ConnectionStrings:Default is set.");
            }
            connection = $"Data Source={Path.Combine(contentRoot, "culturalite.db")}";
        }
        return new(provider, connection, migrate);
    }

    /// <summary>Turns `postgres://user:pass@host:port/db?sslmode=require` into an Npgsql connection string.</summary>
    public static string FromUrl(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != "postgres" && uri.Scheme != "postgresql"))
        {
            throw new Web.SettingException("DATABASE_URL must look like postgres://user:password@host:5432/database.");
        }
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }
        if (userInfo.Length > 1)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv.Length == 2 && kv[0] == "sslmode" && Enum.TryParse<SslMode>(kv[1], ignoreCase: true, out var mode))
            {
                builder.SslMode = mode;
            }
        }
        return builder.ConnectionString;
    }
}

/// <summary>
/// `Database:SeedDemo`: seed the demo (with its published admin password) once into an empty database, in
/// Development only. Unset, only into SQLite: a recipe that runs on PostgreSQL must not end with a demo admin.
/// </summary>
public sealed class DemoOptions
{
    public bool? SeedDemo { get; set; }

    public bool Seeds(bool development, DatabaseProvider provider) =>
        development && (SeedDemo ?? provider == DatabaseProvider.Sqlite);
}
