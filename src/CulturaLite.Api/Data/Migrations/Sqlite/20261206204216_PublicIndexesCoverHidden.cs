using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PublicIndexesCoverHidden : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite has no INCLUDE columns: only the model's PostgreSQL annotation changed, not this schema.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo (see Up).
        }
    }
}
