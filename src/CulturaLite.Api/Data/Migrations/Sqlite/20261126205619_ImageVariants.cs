using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ImageVariants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "images",
                table: "events_event",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "images",
                table: "events_event");
        }
    }
}
