using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OrganizerProfiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "city",
                table: "users_user",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "organization_description",
                table: "users_user",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "slug",
                table: "users_user",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "website",
                table: "users_user",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            // Accounts made before organizer pages get a slug that their id keeps unique (new ones are named by OrganizerSlugs).
            migrationBuilder.Sql(@"UPDATE users_user SET slug = 'organizer-' || id WHERE slug IS NULL;");

            migrationBuilder.CreateIndex(
                name: "ix_users_user_slug",
                table: "users_user",
                column: "slug",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_users_user_slug",
                table: "users_user");

            migrationBuilder.DropColumn(
                name: "city",
                table: "users_user");

            migrationBuilder.DropColumn(
                name: "organization_description",
                table: "users_user");

            migrationBuilder.DropColumn(
                name: "slug",
                table: "users_user");

            migrationBuilder.DropColumn(
                name: "website",
                table: "users_user");
        }
    }
}
