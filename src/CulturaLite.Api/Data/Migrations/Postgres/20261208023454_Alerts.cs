using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Postgres
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
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "alerts_address_email",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    address_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alerts_address_email", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "alerts_notice",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    event_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    claimed_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    done_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    endpoint = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    p256dh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    auth = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    filters = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    event_id = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    link_base = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
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
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    normalized_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    frequency = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    filters = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    confirm_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    confirm_expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    confirmed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_digest_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    next_digest_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    claimed_by = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    claimed_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    link_base = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alerts_subscription", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "alerts_push_message",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    subscription_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    payload = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: true),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true)
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
                    subscription_id = table.Column<int>(type: "integer", nullable: false),
                    event_id = table.Column<int>(type: "integer", nullable: false)
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
