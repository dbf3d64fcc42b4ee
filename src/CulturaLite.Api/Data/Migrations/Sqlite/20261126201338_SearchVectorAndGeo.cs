using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchVectorAndGeo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "geo_x",
                table: "events_event",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "geo_y",
                table: "events_event",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "geo_z",
                table: "events_event",
                type: "REAL",
                nullable: true);

            // Positions saved before these columns existed get their unit vectors (Event.GeoX/Y/Z).
            migrationBuilder.Sql("""
                UPDATE events_event SET
                    geo_x = cos(radians(latitude)) * cos(radians(longitude)),
                    geo_y = cos(radians(latitude)) * sin(radians(longitude)),
                    geo_z = sin(radians(latitude))
                WHERE latitude IS NOT NULL AND longitude IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "geo_x",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "geo_y",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "geo_z",
                table: "events_event");
        }
    }
}
