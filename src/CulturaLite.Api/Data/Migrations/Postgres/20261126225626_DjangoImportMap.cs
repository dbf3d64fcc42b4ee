using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DjangoImportMap : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "import_django_row",
                columns: table => new
                {
                    source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    source_table = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    source_id = table.Column<long>(type: "bigint", nullable: false),
                    target_id = table.Column<int>(type: "integer", nullable: false),
                    imported_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_django_row", x => new { x.source, x.source_table, x.source_id });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "import_django_row");
        }
    }
}
