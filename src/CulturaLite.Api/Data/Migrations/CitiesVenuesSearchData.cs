using CulturaLite.Api.Events;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CulturaLite.Api.Data.Migrations;

/// <summary>
/// The data half of the CitiesVenuesSearch migration, the same SQL on both databases: the shipped
/// cities and their other names, then existing events moved under the canonical names. Search words
/// are emptied here and rebuilt by <see cref="SearchIndex.UpgradeAsync"/> right after migrating
/// (the folding needs .NET, and the PostgreSQL index refuses the old free text).
/// A city added to the shipped list later needs a migration of its own.
/// </summary>
internal static class CitiesVenuesSearchData
{
    public static void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var (name, aliases) in BundledCities.Load())
        {
            var key = CityNames.Fold(name);
            migrationBuilder.Sql($"INSERT INTO cities_city (name, name_key) VALUES ({Quote(CityNames.Tidy(name))}, {Quote(key)});");
            foreach (var alias in aliases)
            {
                migrationBuilder.Sql(
                    $"INSERT INTO cities_city_alias (city_id, name, name_key) SELECT id, {Quote(CityNames.Tidy(alias))}, {Quote(CityNames.Fold(alias))} FROM cities_city WHERE name_key = {Quote(key)};");
            }
        }
        migrationBuilder.Sql("""
            UPDATE events_event SET city = (SELECT c.name FROM cities_city c WHERE c.name_key = events_event.city_key)
            WHERE city_key IN (SELECT name_key FROM cities_city);
            """);
        migrationBuilder.Sql("""
            UPDATE events_event SET
                city = (SELECT c.name FROM cities_city_alias a JOIN cities_city c ON c.id = a.city_id WHERE a.name_key = events_event.city_key),
                city_key = (SELECT c.name_key FROM cities_city_alias a JOIN cities_city c ON c.id = a.city_id WHERE a.name_key = events_event.city_key)
            WHERE city_key IN (SELECT name_key FROM cities_city_alias);
            """);
        migrationBuilder.Sql("UPDATE events_event SET search_text = '', search_format = 0;");
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
