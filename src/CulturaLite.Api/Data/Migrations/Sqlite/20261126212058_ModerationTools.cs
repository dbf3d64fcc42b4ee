using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ModerationTools : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_trusted",
                table: "users_user",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "auto_approved",
                table: "events_event",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "moderation_audit_entry",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor_id = table.Column<int>(type: "INTEGER", nullable: true),
                    actor_email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    target_type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    target_id = table.Column<int>(type: "INTEGER", nullable: false),
                    data = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_moderation_audit_entry", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "moderation_reason_template",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_moderation_reason_template", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_moderation_audit_entry_actor_id",
                table: "moderation_audit_entry",
                column: "actor_id");

            migrationBuilder.CreateIndex(
                name: "ix_moderation_audit_entry_at",
                table: "moderation_audit_entry",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_moderation_audit_entry_target_type_target_id",
                table: "moderation_audit_entry",
                columns: new[] { "target_type", "target_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "moderation_audit_entry");

            migrationBuilder.DropTable(
                name: "moderation_reason_template");

            migrationBuilder.DropColumn(
                name: "is_trusted",
                table: "users_user");

            migrationBuilder.DropColumn(
                name: "auto_approved",
                table: "events_event");
        }
    }
}
