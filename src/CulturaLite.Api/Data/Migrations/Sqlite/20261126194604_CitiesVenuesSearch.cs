using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CitiesVenuesSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "end_date",
                table: "events_event",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "latitude",
                table: "events_event",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "locality",
                table: "events_event",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "longitude",
                table: "events_event",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pin_code",
                table: "events_event",
                type: "TEXT",
                maxLength: 6,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "search_format",
                table: "events_event",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "venue_address",
                table: "events_event",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "venue_name",
                table: "events_event",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "cities_city",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    name_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cities_city", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cities_city_alias",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    city_id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    name_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cities_city_alias", x => x.id);
                    table.ForeignKey(
                        name: "fk_cities_city_alias_cities_city_id",
                        column: x => x.city_id,
                        principalTable: "cities_city",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_events_event_latitude_longitude",
                table: "events_event",
                columns: new[] { "latitude", "longitude" });

            migrationBuilder.CreateIndex(
                name: "ix_cities_city_name_key",
                table: "cities_city",
                column: "name_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cities_city_alias_city_id",
                table: "cities_city_alias",
                column: "city_id");

            migrationBuilder.CreateIndex(
                name: "ix_cities_city_alias_name_key",
                table: "cities_city_alias",
                column: "name_key",
                unique: true);

            CitiesVenuesSearchData.Up(migrationBuilder);

            // Full-text index over the folded words (Events/SearchWords.cs). Marks (M*) are word characters
            // so that Indian scripts stay whole words; triggers keep it in step with events_event.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE events_event_fts USING fts5(
                    search_text, content='events_event', content_rowid='id',
                    tokenize="unicode61 remove_diacritics 2 categories 'L* N* Co M*'");
                """);
            // Every existing row gets its (empty, until re-indexed) entry, so the triggers' deletes find it.
            migrationBuilder.Sql("INSERT INTO events_event_fts(events_event_fts) VALUES ('rebuild');");
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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS events_event_fts_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS events_event_fts_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS events_event_fts_insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS events_event_fts;");

            migrationBuilder.DropTable(
                name: "cities_city_alias");

            migrationBuilder.DropTable(
                name: "cities_city");

            migrationBuilder.DropIndex(
                name: "ix_events_event_latitude_longitude",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "end_date",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "latitude",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "locality",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "longitude",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "pin_code",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "search_format",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "venue_address",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "venue_name",
                table: "events_event");
        }
    }
}
