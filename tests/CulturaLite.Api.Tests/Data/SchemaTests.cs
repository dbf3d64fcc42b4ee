using CulturaLite.Api.Data;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Tests.Data;

public abstract class SchemaTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : SchemaTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : SchemaTests(f), IClassFixture<PostgresApiFactory>;

    [SkippableFact]
    public async Task The_app_runs_on_the_database_it_was_given_with_every_migration_applied()
    {
        _ = Client();
        await WithDb(async db =>
        {
            Assert.Equal(Database == Db.Postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, db.Provider);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        });
    }

    [SkippableFact]
    public async Task No_model_change_is_missing_a_migration()
    {
        _ = Client();
        await WithDb(db =>
        {
            Assert.False(db.Database.HasPendingModelChanges(),
                "The model has changes without a migration: run dotnet ef migrations add for both providers (see README).");
            return Task.CompletedTask;
        });
    }

    [SkippableFact]
    public async Task Tables_and_columns_use_the_designs_names()
    {
        _ = Client();
        await WithDb(async db =>
        {
            var conn = db.Database.GetDbConnection();
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "SELECT id, title, description, city, event_date, image_url, status, category_id, vendor_id, "
                              + "created_at, updated_at, rejection_reason, moderated_at, moderated_by_id FROM events_event WHERE 1 = 0";
            await cmd.ExecuteNonQueryAsync();
            cmd.CommandText = "SELECT id, password, last_login, is_superuser, email, name, role, is_active, first_name, last_name, "
                              + "organization_name, date_joined FROM users_user WHERE 1 = 0";
            await cmd.ExecuteNonQueryAsync();
            cmd.CommandText = "SELECT id, message, is_read, created_at, vendor_id, event_id FROM notifications_notification WHERE 1 = 0";
            await cmd.ExecuteNonQueryAsync();
            cmd.CommandText = "SELECT id, name, slug FROM events_category WHERE 1 = 0";
            await cmd.ExecuteNonQueryAsync();
        });
    }
}
