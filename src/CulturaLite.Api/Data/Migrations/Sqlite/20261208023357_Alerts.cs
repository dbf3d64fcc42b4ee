using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Alerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "headers",
                table: "notifications_email_outbox",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "alerts_address_email",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    address_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alerts_address_email", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "alerts_notice",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    event_id = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    claimed_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    done_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alerts_notice", x => x.id);
                    table.ForeignKey(
                        name: "fk_alerts_notice_events_event_id",
                        column: x => x.event_id,
                        principalTable: "events_event",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alerts_push_subscription",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    endpoint = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    p256dh = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    auth = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    filters = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    event_id = table.Column<int>(type: "INTEGER", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    link_base = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alerts_push_subscription", x => x.id);
                    table.ForeignKey(
                        name: "fk_alerts_push_subscription_events_event_id",
                        column: x => x.event_id,
                        principalTable: "events_event",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alerts_subscription",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    frequency = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    filters = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    confirm_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    confirm_expires_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    confirmed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_digest_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    next_digest_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    claimed_by = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    claimed_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    link_base = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alerts_subscription", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "alerts_push_message",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    subscription_id = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    payload = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    status_code = table.Column<int>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alerts_push_message", x => x.id);
                    table.ForeignKey(
                        name: "fk_alerts_push_message_push_subscription_subscription_id",
                        column: x => x.subscription_id,
                        principalTable: "alerts_push_subscription",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alerts_digested_event",
                columns: table => new
                {
                    subscription_id = table.Column<int>(type: "INTEGER", nullable: false),
                    event_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alerts_digested_event", x => new { x.event_id, x.subscription_id });
                    table.ForeignKey(
                        name: "fk_alerts_digested_event_events_event_id",
                        column: x => x.event_id,
                        principalTable: "events_event",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_alerts_digested_event_subscription_subscription_id",
                        column: x => x.subscription_id,
                        principalTable: "alerts_subscription",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_alerts_address_email_address_hash_sent_at",
                table: "alerts_address_email",
                columns: new[] { "address_hash", "sent_at" });

            migrationBuilder.CreateIndex(
                name: "ix_alerts_digested_event_subscription_id",
                table: "alerts_digested_event",
                column: "subscription_id");

            migrationBuilder.CreateIndex(
                name: "ix_alerts_notice_done_at_id",
                table: "alerts_notice",
                columns: new[] { "done_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_alerts_notice_event_id",
                table: "alerts_notice",
                column: "event_id");

            migrationBuilder.CreateIndex(
                name: "ix_alerts_push_message_finished_at_next_attempt_at",
                table: "alerts_push_message",
                columns: new[] { "finished_at", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_alerts_push_message_subscription_id_kind_created_at",
                table: "alerts_push_message",
                columns: new[] { "subscription_id", "kind", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_alerts_push_subscription_endpoint",
                table: "alerts_push_subscription",
                column: "endpoint");

            migrationBuilder.CreateIndex(
                name: "ix_alerts_push_subscription_event_id",
                table: "alerts_push_subscription",
                column: "event_id");

            migrationBuilder.CreateIndex(
                name: "ix_alerts_subscription_confirm_hash",
                table: "alerts_subscription",
                column: "confirm_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_alerts_subscription_frequency_next_digest_at",
                table: "alerts_subscription",
                columns: new[] { "frequency", "next_digest_at" });

            migrationBuilder.CreateIndex(
                name: "ix_alerts_subscription_normalized_email",
                table: "alerts_subscription",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "ix_alerts_subscription_token",
                table: "alerts_subscription",
                column: "token",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alerts_address_email");

            migrationBuilder.DropTable(
                name: "alerts_digested_event");

            migrationBuilder.DropTable(
                name: "alerts_notice");

            migrationBuilder.DropTable(
                name: "alerts_push_message");

            migrationBuilder.DropTable(
                name: "alerts_subscription");

            migrationBuilder.DropTable(
                name: "alerts_push_subscription");

            migrationBuilder.DropColumn(
                name: "headers",
                table: "notifications_email_outbox");
        }
    }
}
