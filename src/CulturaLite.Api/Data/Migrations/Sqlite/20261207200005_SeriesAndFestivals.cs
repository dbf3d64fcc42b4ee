using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<int>(
                name: "festival_id",
                table: "notifications_notification",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "date_overridden",
                table: "events_event",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "festival_id",
                table: "events_event",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "occurrence_start",
                table: "events_event",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "series_id",
                table: "events_event",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "events_festival",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    vendor_id = table.Column<int>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: false),
                    city = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    city_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    start_date = table.Column<DateTime>(type: "TEXT", nullable: false),
                    end_date = table.Column<DateTime>(type: "TEXT", nullable: false),
                    image_url = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    thumbnail_url = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    image_key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    images = table.Column<string>(type: "TEXT", nullable: true),
                    website = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    rejection_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    moderated_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    moderated_by_id = table.Column<int>(type: "INTEGER", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    rule = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    exdates = table.Column<string>(type: "TEXT", nullable: false, defaultValue: "[]"),
                    occurrence_count = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
