using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CulturaLite.Api.Data;

// `dotnet ef migrations add X --context SqliteAppDbContext --output-dir Data/Migrations/Sqlite`
// (and the Postgres twin) use these; no database is opened to make a migration.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(DataModule.ConfigureSqlite(new DbContextOptionsBuilder<SqliteAppDbContext>(), "Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(DataModule.ConfigurePostgres(new DbContextOptionsBuilder<PostgresAppDbContext>(), "Host=localhost;Database=culturalite").Options);
}
