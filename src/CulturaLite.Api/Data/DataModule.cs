using CulturaLite.Api.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace CulturaLite.Api.Data;

public static class DataModule
{
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        var options = DatabaseOptions.From(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ChangeFeed>();
        builder.Services.AddOptions<DemoOptions>().BindConfiguration("Database");
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration("Retention")
            .Validate(o => o.SentEmailDays >= 0 && o.BatchSize > 0 && o.IntervalMinutes > 0, "Retention:SentEmailDays must be 0 or more, Retention:BatchSize and Retention:IntervalMinutes above 0.")
            .ValidateOnStart();
        builder.Services.AddHostedService<RetentionJob>();
        // The context's interceptors, all here: every save that changes what the public sees evicts the public
        // cache (PublicChangeDetector), nothing updates or deletes an audit entry (AuditLogGuard), and every new account
        // gets its organizer slug whichever path creates it (OrganizerSlugs). Others
        // registered as IInterceptor (the tests' gates) come after them.
        builder.Services.AddSingleton<PublicChangeDetector>();
        builder.Services.AddSingleton<Moderation.AuditLogGuard>();
        builder.Services.AddSingleton<Accounts.OrganizerSlugs>();
        static IInterceptor[] Interceptors(IServiceProvider sp) =>
            [sp.GetRequiredService<Accounts.OrganizerSlugs>(), sp.GetRequiredService<PublicChangeDetector>(), sp.GetRequiredService<Moderation.AuditLogGuard>(),
                sp.GetRequiredService<Alerts.WebhookTrigger>(),
                sp.GetRequiredService<Alerts.AlertTrigger>(),
                .. sp.GetServices<IInterceptor>()];
        if (options.Provider == DatabaseProvider.Postgres)
        {
            builder.Services.AddHostedService<PostgresChangeFeed>();
            builder.Services.AddDbContextPool<AppDbContext, PostgresAppDbContext>((sp, o) =>
                ConfigurePostgres((DbContextOptionsBuilder<PostgresAppDbContext>)o, options.ConnectionString).AddInterceptors(Interceptors(sp)));
        }
        else
        {
            builder.Services.AddDbContextPool<AppDbContext, SqliteAppDbContext>((sp, o) =>
                ConfigureSqlite((DbContextOptionsBuilder<SqliteAppDbContext>)o, options.ConnectionString).AddInterceptors(Interceptors(sp)));
        }
        return builder;
    }

    public static DbContextOptionsBuilder<T> ConfigurePostgres<T>(DbContextOptionsBuilder<T> builder, string connectionString)
        where T : DbContext
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        // An unreachable database should fail a request fast (503), not hang it.
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
        {
            csb.Timeout = 5;
        }
        // The same few statements run thousands of times a second: let PostgreSQL keep their plans.
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            csb.MaxAutoPrepare = 64;
            csb.AutoPrepareMinUsages = 2;
        }
        // Nothing here changes session state, so a pooled connection needs no reset round trip per request.
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            csb.NoResetOnClose = true;
        }
        builder.UseNpgsql(csb.ConnectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
        return builder;
    }

    public static DbContextOptionsBuilder<T> ConfigureSqlite<T>(DbContextOptionsBuilder<T> builder, string connectionString)
        where T : DbContext
    {
        builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
        return builder;
    }

    /// <summary>Applies pending migrations (when configured) and seeds the category list.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, bool force = false, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<DatabaseOptions>();
        if (!options.MigrateOnStartup && !force)
        {
            return;
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        // A migration that rewrites a large table (a stored column over a million events) takes minutes,
        // not the 30 seconds a request may.
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await db.Database.MigrateAsync(ct);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // Readers do not block the writer, and a writer waits instead of failing at once.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        await CategorySeed.EnsureAsync(db, ct);
        await new SearchIndex(db).UpgradeAsync(ct);
    }
}
