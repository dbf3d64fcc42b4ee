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
                "The model has changes without a migration: run dotnet ef migrations add for both providers (see docs/operations.md, Schema changes).");
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

    /// <summary>
    /// What the migrations built is what the model says, column by column: each mapped property's column exists
    /// with the model's nullability and store type (and, on PostgreSQL, its length). The model-change check only
    /// compares the model with the migrations' snapshot; a migration whose operations say otherwise shows here.
    /// </summary>
    [SkippableFact]
    public async Task Every_column_has_the_models_type_nullability_and_length()
    {
        _ = Client();
        await WithDb(async db =>
        {
            var conn = db.Database.GetDbConnection();
            await conn.OpenAsync();
            var problems = new List<string>();
            var checkedColumns = 0;
            foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()))
            {
                var table = entity.GetTableName()!;
                var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
                var actual = new Dictionary<string, (string Type, bool Nullable, int? Length)>();
                await using (var cmd = conn.CreateCommand())
                {
                    cmd.CommandText = Database == Db.Postgres
                        ? $"SELECT column_name, CASE WHEN data_type = 'USER-DEFINED' THEN udt_name ELSE data_type END, is_nullable = 'YES', character_maximum_length FROM information_schema.columns WHERE table_name = '{table}'"
                        : $"SELECT name, type, \"notnull\" = 0, NULL FROM pragma_table_info('{table}')";
                    await using var reader = await cmd.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                        actual[reader.GetString(0)] = (reader.GetString(1).ToLowerInvariant(), reader.GetBoolean(2), reader.IsDBNull(3) ? null : reader.GetInt32(3));
                    }
                }
                foreach (var property in entity.GetProperties())
                {
                    if (property.GetColumnName(store) is not { } column)
                    {
                        continue;
                    }
                    checkedColumns++;
                    if (!actual.TryGetValue(column, out var found))
                    {
                        problems.Add($"{table}.{column}: missing");
                        continue;
                    }
                    if (found.Nullable != property.IsColumnNullable(store))
                    {
                        problems.Add($"{table}.{column}: nullable {found.Nullable}, model {property.IsColumnNullable(store)}");
                    }
                    var modelType = property.GetColumnType(store).ToLowerInvariant();
                    var baseType = modelType.Split('(')[0].Trim();
                    if (Database == Db.Postgres)
                    {
                        var expected = baseType switch
                        {
                            "character varying" => "character varying",
                            "timestamp with time zone" => "timestamp with time zone",
                            _ => baseType,
                        };
                        if (found.Type != expected)
                        {
                            problems.Add($"{table}.{column}: type {found.Type}, model {modelType}");
                        }
                        if (found.Length != property.GetMaxLength(store) && baseType == "character varying")
                        {
                            problems.Add($"{table}.{column}: length {found.Length}, model {property.GetMaxLength(store)}");
                        }
                    }
                    else if (found.Type != baseType)
                    {
                        problems.Add($"{table}.{column}: type {found.Type}, model {modelType}");
                    }
                }
            }
            Assert.True(checkedColumns > 100, $"only {checkedColumns} columns checked");
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        });
    }
}
