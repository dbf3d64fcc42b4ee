using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "text",
                table: "events_note",
                type: "character varying(5000)",
                maxLength: 5000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(2000)",
                oldMaxLength: 2000);

            // The audit log is append-only in the database too, whatever code or hand runs against it.
            migrationBuilder.Sql("""
                CREATE FUNCTION moderation_audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'moderation_audit_entry is append-only';
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER moderation_audit_entry_append_only BEFORE UPDATE OR DELETE ON moderation_audit_entry
                FOR EACH ROW EXECUTE FUNCTION moderation_audit_entry_append_only();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER moderation_audit_entry_no_truncate BEFORE TRUNCATE ON moderation_audit_entry
                FOR EACH STATEMENT EXECUTE FUNCTION moderation_audit_entry_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS moderation_audit_entry_no_truncate ON moderation_audit_entry;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS moderation_audit_entry_append_only ON moderation_audit_entry;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS moderation_audit_entry_append_only();");

            migrationBuilder.AlterColumn<string>(
                name: "text",
                table: "events_note",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(5000)",
                oldMaxLength: 5000);
        }
    }
}
