using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EventFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "accessibility_flags",
                table: "events_event",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "age_max",
                table: "events_event",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "age_min",
                table: "events_event",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "attendance_mode",
                table: "events_event",
                type: "TEXT",
                maxLength: 10,
                nullable: false,
                defaultValue: "offline");

            migrationBuilder.AddColumn<string>(
                name: "currency",
                table: "events_event",
                type: "TEXT",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_free",
                table: "events_event",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "online_url",
                table: "events_event",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "performance_languages",
                table: "events_event",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "performers",
                table: "events_event",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<long>(
                name: "price_max_minor",
                table: "events_event",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "price_min_minor",
                table: "events_event",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ticket_url",
                table: "events_event",
                type: "TEXT",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "accessibility_flags",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "age_max",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "age_min",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "attendance_mode",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "currency",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "is_free",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "online_url",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "performance_languages",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "performers",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "price_max_minor",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "price_min_minor",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "ticket_url",
                table: "events_event");
        }
    }
}
