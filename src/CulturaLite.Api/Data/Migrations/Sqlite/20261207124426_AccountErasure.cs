using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountErasure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Erasure (DPDP Act) is the one change the audit log allows: the actor's email becomes the tombstone
            // `erased-{actor_id}`, and nothing else of the entry moves.
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS moderation_audit_entry_no_update;");
            migrationBuilder.Sql("""
                CREATE TRIGGER moderation_audit_entry_no_update BEFORE UPDATE ON moderation_audit_entry
                WHEN NOT (NEW.actor_id IS NOT NULL AND NEW.actor_email = 'erased-' || NEW.actor_id AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor_id = OLD.actor_id AND NEW.action = OLD.action AND NEW.target_type = OLD.target_type AND NEW.target_id = OLD.target_id AND NEW.data = OLD.data)
                BEGIN SELECT RAISE(ABORT, 'moderation_audit_entry is append-only'); END;
                """);

            migrationBuilder.AddColumn<DateTime>(
                name: "erased_at",
                table: "users_user",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "erasure_due_at",
                table: "users_user",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "erasure_requested_at",
                table: "users_user",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS moderation_audit_entry_no_update;");
            migrationBuilder.Sql("""
                CREATE TRIGGER moderation_audit_entry_no_update BEFORE UPDATE ON moderation_audit_entry
                BEGIN SELECT RAISE(ABORT, 'moderation_audit_entry is append-only'); END;
                """);

            migrationBuilder.DropColumn(
                name: "erased_at",
                table: "users_user");

            migrationBuilder.DropColumn(
                name: "erasure_due_at",
                table: "users_user");

            migrationBuilder.DropColumn(
                name: "erasure_requested_at",
                table: "users_user");
        }
    }
}
