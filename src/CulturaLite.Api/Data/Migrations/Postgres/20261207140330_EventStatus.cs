using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EventStatus : Migration
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

            migrationBuilder.AddColumn<string>(
                name: "event_status",
                table: "events_event",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "scheduled");

            migrationBuilder.AddColumn<string>(
                name: "previous_start_dates",
                table: "events_event",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "status_reason",
                table: "events_event",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_events_event_latitude_longitude",
                table: "events_event",
                columns: new[] { "latitude", "longitude" })
                .Annotation("Npgsql:IndexInclude", new[] { "geo_x", "geo_y", "geo_z", "status", "event_date", "vendor_id", "hidden_by_reports", "id", "event_status" });

            migrationBuilder.CreateIndex(
                name: "ix_events_event_public_by_category_date",
                table: "events_event",
                columns: new[] { "status", "category_id", "event_date", "id" })
                .Annotation("Npgsql:IndexInclude", new[] { "vendor_id", "hidden_by_reports", "event_status" });

            migrationBuilder.CreateIndex(
                name: "ix_events_event_public_by_city_date",
                table: "events_event",
                columns: new[] { "status", "city_key", "event_date", "id" })
                .Annotation("Npgsql:IndexInclude", new[] { "vendor_id", "hidden_by_reports", "event_status" });

            migrationBuilder.CreateIndex(
                name: "ix_events_event_public_by_date",
                table: "events_event",
                columns: new[] { "status", "event_date", "id" })
                .Annotation("Npgsql:IndexInclude", new[] { "vendor_id", "hidden_by_reports", "event_status" });
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

            migrationBuilder.DropColumn(
                name: "event_status",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "previous_start_dates",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "status_reason",
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
    }
}
