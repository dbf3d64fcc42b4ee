using CulturaLite.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Events;

/// <summary>Where a typed city name leads: the canonical name to store and list, and every name to search by.</summary>
public sealed record PlacedCity(string Name, string Key, IReadOnlyList<string> Names);

/// <summary>Every known city by every one of its names (folded); a few hundred rows, held in memory.</summary>
public sealed class CityLookup(IReadOnlyDictionary<string, PlacedCity> byName)
{
    /// <summary>The known city this name belongs to, else the name itself, tidied (grouped case-insensitively).</summary>
    public PlacedCity Resolve(string typed)
    {
        var key = City.Fold(typed);
        if (byName.TryGetValue(key, out var known))
        {
            return known;
        }
        var name = City.Tidy(typed);
        return new PlacedCity(name, key, [name]);
    }

    /// <summary>The key a `city` filter compares with: the known city's, else the typed name's.</summary>
    public string KeyOf(string typed) => Resolve(typed).Key;
}

/// <summary>
/// The one resolver of city names, used by submissions, filters, the admin API and the console.
/// The lookup is cached with the public data: saving a city evicts it on every instance
/// (<see cref="PublicChangeDetector"/>).
/// </summary>
public sealed class CityDirectory(AppDbContext db, PublicCache cache)
{
    public Task<CityLookup> GetAsync(CancellationToken ct) =>
        cache.GetOrCreateAsync("city-lookup", () => LoadAsync(db, ct));

    public static async Task<CityLookup> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var cities = await db.Cities.AsNoTracking().Include(c => c.Aliases).ToListAsync(ct);
        var byName = new Dictionary<string, PlacedCity>(StringComparer.Ordinal);
        foreach (var city in cities)
        {
            var placed = new PlacedCity(city.Name, city.NameKey, city.Names.ToArray());
            byName[city.NameKey] = placed;
            foreach (var alias in city.Aliases)
            {
                byName.TryAdd(alias.NameKey, placed);
            }
        }
        return new CityLookup(byName);
    }
}

/// <summary>The cities shipped with the product (Events/indian-cities.txt).</summary>
public static class ShippedCities
{
    public static IReadOnlyList<(string Name, string[] Aliases)> Load()
    {
        using var stream = typeof(ShippedCities).Assembly.GetManifestResourceStream("CulturaLite.Api.Events.indian-cities.txt")
                           ?? throw new InvalidOperationException("The shipped city list is missing from the build.");
        using var reader = new StreamReader(stream);
        var cities = new List<(string, string[])>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var names = line.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            cities.Add((names[0], names[1..]));
        }
        return cities;
    }
}
