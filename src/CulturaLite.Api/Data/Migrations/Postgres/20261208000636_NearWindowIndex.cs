using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NearWindowIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_events_event_public_by_date",
                table: "events_event");

            migrationBuilder.CreateIndex(
                name: "ix_events_event_public_by_date",
                table: "events_event",
                columns: new[] { "status", "event_date", "id" })
                .Annotation("Npgsql:IndexInclude", new[] { "vendor_id", "hidden_by_reports", "event_status", "latitude", "longitude", "geo_x", "geo_y", "geo_z" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_events_event_public_by_date",
                table: "events_event");

            migrationBuilder.CreateIndex(
                name: "ix_events_event_public_by_date",
                table: "events_event",
                columns: new[] { "status", "event_date", "id" })
                .Annotation("Npgsql:IndexInclude", new[] { "vendor_id", "hidden_by_reports", "event_status" });
        }
    }
}
