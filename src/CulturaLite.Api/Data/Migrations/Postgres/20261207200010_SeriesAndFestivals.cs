using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SeriesAndFestivals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "event_id",
                table: "notifications_notification",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<int>(
                name: "festival_id",
                table: "notifications_notification",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "date_overridden",
                table: "events_event",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "festival_id",
                table: "events_event",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "occurrence_start",
                table: "events_event",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "series_id",
                table: "events_event",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "events_festival",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    vendor_id = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    city = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    city_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    start_date = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    end_date = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    image_url = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    thumbnail_url = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    image_key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    images = table.Column<string>(type: "text", nullable: true),
                    website = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    rejection_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    moderated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    moderated_by_id = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_events_festival", x => x.id);
                    table.ForeignKey(
                        name: "fk_events_festival_users_user_moderated_by_id",
                        column: x => x.moderated_by_id,
                        principalTable: "users_user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_events_festival_users_user_vendor_id",
                        column: x => x.vendor_id,
                        principalTable: "users_user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "events_series",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    rule = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    exdates = table.Column<string>(type: "text", nullable: false, defaultValue: "[]"),
                    occurrence_count = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_events_series", x => x.id);
                    table.ForeignKey(
                        name: "fk_events_series_events_event_id",
                        column: x => x.id,
                        principalTable: "events_event",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_notification_festival_id",
                table: "notifications_notification",
                column: "festival_id");

            migrationBuilder.CreateIndex(
                name: "ix_events_event_festival_id_event_date",
                table: "events_event",
                columns: new[] { "festival_id", "event_date" });

            migrationBuilder.CreateIndex(
                name: "ix_events_event_series_id_event_date",
                table: "events_event",
                columns: new[] { "series_id", "event_date" });

            migrationBuilder.CreateIndex(
                name: "ix_events_festival_moderated_by_id",
                table: "events_festival",
                column: "moderated_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_events_festival_status_end_date",
                table: "events_festival",
                columns: new[] { "status", "end_date" });

            migrationBuilder.CreateIndex(
                name: "ix_events_festival_vendor_id_created_at",
                table: "events_festival",
                columns: new[] { "vendor_id", "created_at" });

            migrationBuilder.AddForeignKey(
                name: "fk_events_event_event_series_series_id",
                table: "events_event",
                column: "series_id",
                principalTable: "events_series",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_events_event_festivals_festival_id",
                table: "events_event",
                column: "festival_id",
                principalTable: "events_festival",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "fk_notifications_notification_events_festival_festival_id",
                table: "notifications_notification",
                column: "festival_id",
                principalTable: "events_festival",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_events_event_event_series_series_id",
                table: "events_event");

            migrationBuilder.DropForeignKey(
                name: "fk_events_event_festivals_festival_id",
                table: "events_event");

            migrationBuilder.DropForeignKey(
                name: "fk_notifications_notification_events_festival_festival_id",
                table: "notifications_notification");

            migrationBuilder.DropTable(
                name: "events_festival");

            migrationBuilder.DropTable(
                name: "events_series");

            migrationBuilder.DropIndex(
                name: "ix_notifications_notification_festival_id",
                table: "notifications_notification");

            migrationBuilder.DropIndex(
                name: "ix_events_event_festival_id_event_date",
                table: "events_event");

            migrationBuilder.DropIndex(
                name: "ix_events_event_series_id_event_date",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "festival_id",
                table: "notifications_notification");

            migrationBuilder.DropColumn(
                name: "date_overridden",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "festival_id",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "occurrence_start",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "series_id",
                table: "events_event");

            migrationBuilder.AlterColumn<int>(
                name: "event_id",
                table: "notifications_notification",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);
        }
    }
}
