using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Webhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alerts_webhook",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    events = table.Column<string>(type: "TEXT", nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    secret = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    link_base = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    failing_since = table.Column<DateTime>(type: "TEXT", nullable: true),
                    disabled_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alerts_webhook", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "alerts_webhook_delivery",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    webhook_id = table.Column<int>(type: "INTEGER", nullable: false),
                    message_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    event_id = table.Column<int>(type: "INTEGER", nullable: true),
                    subject = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    payload = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    status_code = table.Column<int>(type: "INTEGER", nullable: true),
                    duration_ms = table.Column<int>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alerts_webhook_delivery", x => x.id);
                    table.ForeignKey(
                        name: "fk_alerts_webhook_delivery_alerts_webhook_webhook_id",
                        column: x => x.webhook_id,
                        principalTable: "alerts_webhook",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_alerts_webhook_delivery_events_event_id",
                        column: x => x.event_id,
                        principalTable: "events_event",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_alerts_webhook_delivery_event_id",
                table: "alerts_webhook_delivery",
                column: "event_id");

            migrationBuilder.CreateIndex(
                name: "ix_alerts_webhook_delivery_finished_at_next_attempt_at",
                table: "alerts_webhook_delivery",
                columns: new[] { "finished_at", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_alerts_webhook_delivery_webhook_id_event_id",
                table: "alerts_webhook_delivery",
                columns: new[] { "webhook_id", "event_id" });

            migrationBuilder.CreateIndex(
                name: "ix_alerts_webhook_delivery_webhook_id_subject",
                table: "alerts_webhook_delivery",
                columns: new[] { "webhook_id", "subject" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alerts_webhook_delivery");

            migrationBuilder.DropTable(
                name: "alerts_webhook");
        }
    }
}
