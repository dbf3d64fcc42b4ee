using Microsoft.EntityFrameworkCore.Migrations;

namespace CulturaLite.Api.Data;

/// <summary>
/// The triggers that keep SQLite's FTS5 search index (events_event_fts) in step with events_event. SQLite migrations
/// that rebuild events_event (adding a foreign key does) drop them; such a migration creates them again with this.
/// </summary>
public static class SqliteSearchTriggers
{
    public static readonly string[] Names = ["events_event_fts_insert", "events_event_fts_delete", "events_event_fts_update"];

    public static void Create(MigrationBuilder migrationBuilder)
    {
        foreach (var name in Names)
        {
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {name};");
        }
        migrationBuilder.Sql("""
            CREATE TRIGGER events_event_fts_insert AFTER INSERT ON events_event BEGIN
                INSERT INTO events_event_fts(rowid, search_text) VALUES (new.id, new.search_text);
            END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER events_event_fts_delete AFTER DELETE ON events_event BEGIN
                INSERT INTO events_event_fts(events_event_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
            END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER events_event_fts_update AFTER UPDATE OF search_text ON events_event BEGIN
                INSERT INTO events_event_fts(events_event_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
                INSERT INTO events_event_fts(rowid, search_text) VALUES (new.id, new.search_text);
            END;
            """);
    }
}
