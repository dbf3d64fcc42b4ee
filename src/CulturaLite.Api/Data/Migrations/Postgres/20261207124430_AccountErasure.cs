using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccountErasure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Erasure (DPDP Act) is the one change the audit log allows: the actor's email becomes the tombstone
            // `erased-{actor_id}`, and nothing else of the entry moves.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION moderation_audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' AND NEW.actor_id IS NOT NULL AND NEW.actor_email = 'erased-' || NEW.actor_id
                       AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor_id = OLD.actor_id AND NEW.action = OLD.action AND NEW.target_type = OLD.target_type AND NEW.target_id = OLD.target_id AND NEW.data = OLD.data THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION 'moderation_audit_entry is append-only';
                END $$;
                """);

            migrationBuilder.AddColumn<DateTime>(
                name: "erased_at",
                table: "users_user",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "erasure_due_at",
                table: "users_user",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "erasure_requested_at",
                table: "users_user",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION moderation_audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'moderation_audit_entry is append-only';
                END $$;
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
