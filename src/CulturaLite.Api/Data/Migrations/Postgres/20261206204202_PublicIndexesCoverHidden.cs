using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PublicIndexesCoverHidden : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_events_event_latitude_longitude",
                table: "events_event");

            migrationBuilder.DropIndex(
                name: "ix_events_event_public_by_category_date",
                table: "events_event");

            migrationBuilder.DropIndex(
                name: "ix_events_event_public_by_city_date",
                table: "events_event");

            migrationBuilder.DropIndex(
                name: "ix_events_event_public_by_date",
                table: "events_event");

            migrationBuilder.CreateIndex(
                name: "ix_events_event_latitude_longitude",
                table: "events_event",
                columns: new[] { "latitude", "longitude" })
                .Annotation("Npgsql:IndexInclude", new[] { "geo_x", "geo_y", "geo_z", "status", "event_date", "vendor_id", "hidden_by_reports", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_events_event_public_by_category_date",
                table: "events_event",
                columns: new[] { "status", "category_id", "event_date", "id" })
                .Annotation("Npgsql:IndexInclude", new[] { "vendor_id", "hidden_by_reports" });

            migrationBuilder.CreateIndex(
                name: "ix_events_event_public_by_city_date",
                table: "events_event",
                columns: new[] { "status", "city_key", "event_date", "id" })
                .Annotation("Npgsql:IndexInclude", new[] { "vendor_id", "hidden_by_reports" });

            migrationBuilder.CreateIndex(
                name: "ix_events_event_public_by_date",
                table: "events_event",
                columns: new[] { "status", "event_date", "id" })
                .Annotation("Npgsql:IndexInclude", new[] { "vendor_id", "hidden_by_reports" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_events_event_latitude_longitude",
                table: "events_event");

            migrationBuilder.DropIndex(
                name: "ix_events_event_public_by_category_date",
                table: "events_event");

            migrationBuilder.DropIndex(
                name: "ix_events_event_public_by_city_date",
                table: "events_event");

            migrationBuilder.DropIndex(
                name: "ix_events_event_public_by_date",
                table: "events_event");

            migrationBuilder.CreateIndex(
                name: "ix_events_event_latitude_longitude",
                table: "events_event",
                columns: new[] { "latitude", "longitude" })
                .Annotation("Npgsql:IndexInclude", new[] { "geo_x", "geo_y", "geo_z", "status", "event_date", "vendor_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_events_event_public_by_category_date",
                table: "events_event",
                columns: new[] { "status", "category_id", "event_date", "id" })
                .Annotation("Npgsql:IndexInclude", new[] { "vendor_id" });

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
        }
    }
}
