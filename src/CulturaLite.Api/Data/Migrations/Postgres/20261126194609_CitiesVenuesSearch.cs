using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CulturaLite.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CitiesVenuesSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "end_date",
                table: "events_event",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "latitude",
                table: "events_event",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "locality",
                table: "events_event",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "longitude",
                table: "events_event",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pin_code",
                table: "events_event",
                type: "character varying(6)",
                maxLength: 6,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "search_format",
                table: "events_event",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "venue_address",
                table: "events_event",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "venue_name",
                table: "events_event",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "cities_city",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cities_city", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cities_city_alias",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    city_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cities_city_alias", x => x.id);
                    table.ForeignKey(
                        name: "fk_cities_city_alias_cities_city_id",
                        column: x => x.city_id,
                        principalTable: "cities_city",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_events_event_latitude_longitude",
                table: "events_event",
                columns: new[] { "latitude", "longitude" });

            migrationBuilder.CreateIndex(
                name: "ix_cities_city_name_key",
                table: "cities_city",
                column: "name_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cities_city_alias_city_id",
                table: "cities_city_alias",
                column: "city_id");

            migrationBuilder.CreateIndex(
                name: "ix_cities_city_alias_name_key",
                table: "cities_city_alias",
                column: "name_key",
                unique: true);

            CitiesVenuesSearchData.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cities_city_alias");

            migrationBuilder.DropTable(
                name: "cities_city");

            migrationBuilder.DropIndex(
                name: "ix_events_event_latitude_longitude",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "end_date",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "latitude",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "locality",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "longitude",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "pin_code",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "search_format",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "venue_address",
                table: "events_event");

            migrationBuilder.DropColumn(
                name: "venue_name",
                table: "events_event");
        }
    }
}
