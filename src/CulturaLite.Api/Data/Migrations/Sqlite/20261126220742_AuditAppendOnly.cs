using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {


            // The audit log is append-only in the database too, whatever code or hand runs against it.
            migrationBuilder.Sql("""
                CREATE TRIGGER moderation_audit_entry_no_update BEFORE UPDATE ON moderation_audit_entry
                BEGIN SELECT RAISE(ABORT, 'moderation_audit_entry is append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER moderation_audit_entry_no_delete BEFORE DELETE ON moderation_audit_entry
                BEGIN SELECT RAISE(ABORT, 'moderation_audit_entry is append-only'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS moderation_audit_entry_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS moderation_audit_entry_no_update;");


        }
    }
}
