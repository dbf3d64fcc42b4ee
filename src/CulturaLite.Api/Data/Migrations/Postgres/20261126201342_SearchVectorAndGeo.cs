using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchVectorAndGeo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_events_event_latitude_longitude",
                table: "events_event");

            migrationBuilder.DropIndex(
                name: "ix_events_event_public_by_city_date",
                table: "events_event");

            migrationBuilder.DropIndex(
                name: "ix_events_event_public_by_date",
                table: "events_event");

            migrationBuilder.AddColumn<double>(
                name: "geo_x",
                table: "events_event",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "geo_y",
                table: "events_event",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "geo_z",
                table: "events_event",
                type: "double precision",
                nullable: true);

            // Positions saved before these columns existed get their unit vectors (Event.GeoX/Y/Z).
            migrationBuilder.Sql("""
                UPDATE events_event SET
                    geo_x = cos(radians(latitude)) * cos(radians(longitude)),
                    geo_y = cos(radians(latitude)) * sin(radians(longitude)),
                    geo_z = sin(radians(latitude))
                WHERE latitude IS NOT NULL AND longitude IS NOT NULL;
                """);

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "events_event",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "array_to_tsvector(string_to_array(search_text, ' '))",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_events_event_latitude_longitude",
                table: "events_event",
                columns: new[] { "latitude", "longitude" })
                .Annotation("Npgsql:IndexInclude", new[] { "geo_x", "geo_y", "geo_z", "status", "event_date", "vendor_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_events_event_public_by_city_date",
                table: "events_event",
                columns: new[] { "status", "city_key", "event_date", "id" })
                .Annotation("Npgsql:IndexInclude", new[] { "vendor_id" });

            migrationBuilder.CreateIndex(
                name: "ix_events_event_public_by_date",
                table: "events_event",
                columns: new[] { "status", "event_date", "id" })
                .Annotation("Npgsql:IndexInclude", new[] { "vendor_id" });

            migrationBuilder.CreateIndex(
                name: "ix_events_event_search",
                table: "events_event",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_events_event_latitude_longitude",
                table: "events_event");

            migrationBuilder.DropIndex(
                name: "ix_events_event_public_by_city_date",
                table: "events_event");

            migrationBuilder.DropIndex(
                name: "ix_events_event_public_by_date",
                table: "events_event");

            migrationBuilder.DropIndex(
                name: "ix_events_event_search",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "search_vector",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "geo_x",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "geo_y",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "geo_z",
                table: "events_event");

            migrationBuilder.CreateIndex(
                name: "ix_events_event_latitude_longitude",
                table: "events_event",
                columns: new[] { "latitude", "longitude" });

            migrationBuilder.CreateIndex(
                name: "ix_events_event_public_by_city_date",
                table: "events_event",
                columns: new[] { "status", "city_key", "event_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_events_event_public_by_date",
                table: "events_event",
                columns: new[] { "status", "event_date", "id" });
        }
    }
}
