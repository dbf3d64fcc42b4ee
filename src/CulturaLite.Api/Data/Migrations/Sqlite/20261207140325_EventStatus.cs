using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EventStatus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "event_status",
                table: "events_event",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "scheduled");

            migrationBuilder.AddColumn<string>(
                name: "previous_start_dates",
                table: "events_event",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "status_reason",
                table: "events_event",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "event_status",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "previous_start_dates",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "status_reason",
                table: "events_event");
        }
    }
}
