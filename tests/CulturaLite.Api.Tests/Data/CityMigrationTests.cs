using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CulturaLite.Api.Tests.Data;

/// <summary>
/// A database made before cities and search existed: migrating it moves old rows under the canonical
/// city names, and the start-up re-index makes them searchable.
/// </summary>
public abstract class CityMigrationTests
{
    public sealed class Sqlite : CityMigrationTests
    {
        protected override Task<AppDbContext> NewDatabaseAsync()
        {
            var dir = Directory.CreateDirectory(TestScratch.Folder("migrate")).FullName;
            var file = Path.Combine(dir, "test.db");
            return Task.FromResult<AppDbContext>(new SqliteAppDbContext(
                DataModule.ConfigureSqlite(new DbContextOptionsBuilder<SqliteAppDbContext>(), $"Data Source={file};Pooling=false").Options));
        }
    }

    public sealed class Postgres : CityMigrationTests
    {
        protected override async Task<AppDbContext> NewDatabaseAsync()
        {
            Skip.If(PostgresCluster.Instance.UnavailableReason is not null, PostgresCluster.Instance.UnavailableReason);
            var cs = await PostgresCluster.Instance.CreateDatabaseAsync();
            return new PostgresAppDbContext(DataModule.ConfigurePostgres(new DbContextOptionsBuilder<PostgresAppDbContext>(), cs).Options);
        }
    }

    protected abstract Task<AppDbContext> NewDatabaseAsync();

    [SkippableFact]
    public async Task Old_rows_move_under_canonical_city_names_and_become_searchable()
    {
        await using var db = await NewDatabaseAsync();
        try
        {
            await MigrateOldRowsAsync(db);
        }
        finally
        {
            // The database is this test's own: removed even when an assertion failed.
            await db.Database.EnsureDeletedAsync();
        }
    }

    private static async Task MigrateOldRowsAsync(AppDbContext db)
    {
        var migrator = db.GetService<IMigrator>();
        var all = db.Database.GetMigrations().ToList();
        await migrator.MigrateAsync(all.First(m => m.EndsWith("_Initial", StringComparison.Ordinal)));

        var t = db.Provider == DatabaseProvider.Postgres ? "TRUE" : "1";
        var f = db.Provider == DatabaseProvider.Postgres ? "FALSE" : "0";
        var ts = db.Provider == DatabaseProvider.Postgres ? "TIMESTAMPTZ '2030-01-01 10:00:00+00'" : "'2030-01-01 10:00:00'";
        // Only constants go into this SQL.
        var oldRows = $"""
            INSERT INTO events_category (name, slug) VALUES ('Music', 'music');
            INSERT INTO users_user (password, is_superuser, is_staff, email, normalized_email, name, first_name, last_name,
                organization_name, role, is_active, date_joined)
            VALUES ('!', {f}, {f}, 'old@example.com', 'old@example.com', 'Old Vendor', 'Old', 'Vendor', '', 'vendor', {t}, {ts});
            INSERT INTO events_event (title, description, city, city_key, event_date, image_url, status, category_id, vendor_id,
                created_at, updated_at, search_text, version)
            SELECT 'Holi Festival', 'Colours and music', x.city, x.city_key, {ts}, 'https://cdn.example.com/h.jpg', 'approved',
                (SELECT id FROM events_category), (SELECT id FROM users_user), {ts}, {ts}, 'holi festival\ncolours and music', 1
            FROM (SELECT 'Bombay' AS city, 'bombay' AS city_key UNION ALL SELECT 'MUMBAI', 'mumbai'
                  UNION ALL SELECT 'Poona', 'poona' UNION ALL SELECT 'Navapur', 'navapur') x;
            """;
        await db.Database.ExecuteSqlRawAsync(oldRows);

        await migrator.MigrateAsync();
        Assert.Equal(4, await new SearchIndex(db).UpgradeAsync(CancellationToken.None));

        var rows = await db.Events.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.City, e.CityKey, e.SearchFormat }).ToListAsync();
        Assert.Equal(["Mumbai", "Mumbai", "Pune", "Navapur"], rows.Select(r => r.City));
        Assert.Equal(["mumbai", "mumbai", "pune", "navapur"], rows.Select(r => r.CityKey));
        Assert.All(rows, r => Assert.Equal(SearchWords.Format, r.SearchFormat));
        var found = await EventSearch.Matching(db.Events, db, ["bomb", "holi"]).CountAsync();
        Assert.Equal(2, found);
        Assert.Equal(0, await new SearchIndex(db).UpgradeAsync(CancellationToken.None));
    }
}
