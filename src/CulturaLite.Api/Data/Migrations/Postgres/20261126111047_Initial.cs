using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "events_category",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_events_category", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notifications_email_outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    to = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    message_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications_email_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "users_user",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    password = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    last_login = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    is_superuser = table.Column<bool>(type: "boolean", nullable: false),
                    is_staff = table.Column<bool>(type: "boolean", nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    normalized_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    name = table.Column<string>(type: "character varying(301)", maxLength: 301, nullable: false),
                    first_name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    last_name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    organization_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    date_joined = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users_user", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "accounts_refresh_token",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    family_id = table.Column<Guid>(type: "uuid", nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounts_refresh_token", x => x.id);
                    table.ForeignKey(
                        name: "fk_accounts_refresh_token_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users_user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "events_event",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    city = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    city_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    event_date = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    image_url = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    thumbnail_url = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    image_key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: "pending"),
                    category_id = table.Column<int>(type: "integer", nullable: false),
                    vendor_id = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    rejection_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    moderated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    moderated_by_id = table.Column<int>(type: "integer", nullable: true),
                    search_text = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_events_event", x => x.id);
                    table.ForeignKey(
                        name: "fk_events_event_events_category_category_id",
                        column: x => x.category_id,
                        principalTable: "events_category",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_events_event_users_user_moderated_by_id",
                        column: x => x.moderated_by_id,
                        principalTable: "users_user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_events_event_users_user_vendor_id",
                        column: x => x.vendor_id,
                        principalTable: "users_user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notifications_notification",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    is_read = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    vendor_id = table.Column<int>(type: "integer", nullable: false),
                    event_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications_notification", x => x.id);
                    table.ForeignKey(
                        name: "fk_notifications_notification_events_event_event_id",
                        column: x => x.event_id,
                        principalTable: "events_event",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_notifications_notification_users_user_vendor_id",
                        column: x => x.vendor_id,
                        principalTable: "users_user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_accounts_refresh_token_expires_at",
                table: "accounts_refresh_token",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_accounts_refresh_token_family_id",
                table: "accounts_refresh_token",
                column: "family_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounts_refresh_token_token_hash",
                table: "accounts_refresh_token",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_accounts_refresh_token_user_id",
                table: "accounts_refresh_token",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_events_category_name",
                table: "events_category",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_events_category_slug",
                table: "events_category",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_events_event_category_id",
                table: "events_event",
                column: "category_id");

            migrationBuilder.CreateIndex(
                name: "ix_events_event_city",
                table: "events_event",
                column: "city");

            migrationBuilder.CreateIndex(
                name: "ix_events_event_event_date",
                table: "events_event",
                column: "event_date");

            migrationBuilder.CreateIndex(
                name: "ix_events_event_moderated_by_id",
                table: "events_event",
                column: "moderated_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_events_event_public_by_city_date",
                table: "events_event",
                columns: new[] { "status", "city_key", "event_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_events_event_public_by_date",
                table: "events_event",
                columns: new[] { "status", "event_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_events_event_status",
                table: "events_event",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_events_event_vendor_id",
                table: "events_event",
                column: "vendor_id");

            migrationBuilder.CreateIndex(
                name: "ix_events_event_vendor_id_created_at",
                table: "events_event",
                columns: new[] { "vendor_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_email_outbox_sent_at_next_attempt_at",
                table: "notifications_email_outbox",
                columns: new[] { "sent_at", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_notification_event_id",
                table: "notifications_notification",
                column: "event_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_notification_is_read",
                table: "notifications_notification",
                column: "is_read");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_notification_vendor_id",
                table: "notifications_notification",
                column: "vendor_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_notification_vendor_id_created_at",
                table: "notifications_notification",
                columns: new[] { "vendor_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_users_user_email",
                table: "users_user",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_users_user_normalized_email",
                table: "users_user",
                column: "normalized_email",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounts_refresh_token");

            migrationBuilder.DropTable(
                name: "notifications_email_outbox");

            migrationBuilder.DropTable(
                name: "notifications_notification");

            migrationBuilder.DropTable(
                name: "events_event");

            migrationBuilder.DropTable(
                name: "events_category");

            migrationBuilder.DropTable(
                name: "users_user");
        }
    }
}
