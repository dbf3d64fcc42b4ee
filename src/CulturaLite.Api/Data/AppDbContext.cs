using CulturaLite.Api.Accounts;
using CulturaLite.Api.Events;
using CulturaLite.Api.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CulturaLite.Api.Data;

/// <summary>
/// The one model; each provider has a subclass only so that each keeps its own migrations set.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<AccountToken> AccountTokens => Set<AccountToken>();
    public DbSet<LoginSession> LoginSessions => Set<LoginSession>();
    public DbSet<Privacy.Consent> Consents => Set<Privacy.Consent>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<EventSeries> EventSeries => Set<EventSeries>();
    public DbSet<Festivals.Festival> Festivals => Set<Festivals.Festival>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();
    public DbSet<KnownCity> Cities => Set<KnownCity>();
    public DbSet<EventRevision> EventRevisions => Set<EventRevision>();
    public DbSet<EventNote> EventNotes => Set<EventNote>();
    public DbSet<EventReport> EventReports => Set<EventReport>();
    public DbSet<Moderation.AuditEntry> AuditEntries => Set<Moderation.AuditEntry>();
    public DbSet<Moderation.ReasonTemplate> ReasonTemplates => Set<Moderation.ReasonTemplate>();
    public DbSet<Importing.ImportedRow> ImportedRows => Set<Importing.ImportedRow>();
    /// <summary>SQLite full-text hits (<see cref="EventSearch"/>); no table of its own.</summary>
    public DbSet<SearchHit> SearchHits => Set<SearchHit>();

    public abstract DatabaseProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        modelBuilder.Entity<SearchHit>().HasNoKey().ToView(null);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite hands them back without a kind, so say it on the way in.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    /// <summary>The search words as a tsvector, stored and indexed by PostgreSQL (SQLite uses FTS5 instead).</summary>
    public const string SearchVector = "SearchVector";

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Event>(b =>
        {
            b.Property<NpgsqlTypes.NpgsqlTsVector>(SearchVector)
                .HasComputedColumnSql("array_to_tsvector(string_to_array(search_text, ' '))", stored: true);
            b.HasIndex(SearchVector).HasMethod("gin").HasDatabaseName("ix_events_event_search");
        });
    }
}
