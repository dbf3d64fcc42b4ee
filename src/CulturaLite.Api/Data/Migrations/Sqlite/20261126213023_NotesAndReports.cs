using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NotesAndReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "hidden_by_reports",
                table: "events_event",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "events_note",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    event_id = table.Column<int>(type: "INTEGER", nullable: false),
                    author_id = table.Column<int>(type: "INTEGER", nullable: false),
                    author_email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    by_vendor = table.Column<bool>(type: "INTEGER", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    visible_to_vendor = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    read_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_events_note", x => x.id);
                    table.ForeignKey(
                        name: "fk_events_note_events_event_event_id",
                        column: x => x.event_id,
                        principalTable: "events_event",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "events_report",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    event_id = table.Column<int>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    reporter = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    resolved_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    resolution = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_events_report", x => x.id);
                    table.ForeignKey(
                        name: "fk_events_report_events_event_event_id",
                        column: x => x.event_id,
                        principalTable: "events_event",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_events_note_event_id_id",
                table: "events_note",
                columns: new[] { "event_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_events_report_event_id_resolved_at",
                table: "events_report",
                columns: new[] { "event_id", "resolved_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "events_note");

            migrationBuilder.DropTable(
                name: "events_report");

            migrationBuilder.DropColumn(
                name: "hidden_by_reports",
                table: "events_event");
        }
    }
}
