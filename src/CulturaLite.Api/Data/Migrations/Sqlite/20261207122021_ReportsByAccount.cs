using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportsByAccount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "reporter_user_id",
                table: "events_report",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_events_report_reporter_user_id",
                table: "events_report",
                column: "reporter_user_id");

            migrationBuilder.AddForeignKey(
                name: "fk_events_report_users_user_reporter_user_id",
                table: "events_report",
                column: "reporter_user_id",
                principalTable: "users_user",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_events_report_users_user_reporter_user_id",
                table: "events_report");

            migrationBuilder.DropIndex(
                name: "ix_events_report_reporter_user_id",
                table: "events_report");

            migrationBuilder.DropColumn(
                name: "reporter_user_id",
                table: "events_report");
        }
    }
}
