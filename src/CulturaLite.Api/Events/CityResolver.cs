using CulturaLite.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Events;

/// <summary>
/// The one resolver of city names, used by submissions, filters, the admin API and the console.
/// The lookup is cached with the public data: saving a city evicts it on every instance
/// (<see cref="PublicChangeDetector"/>).
/// </summary>
public sealed class CityResolver(AppDbContext db, PublicCache cache)
{
    public Task<CityNameIndex> GetAsync(CancellationToken ct) =>
        cache.GetOrCreateAsync("city-lookup", () => LoadAsync(db, ct));

    public static async Task<CityNameIndex> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var cities = await db.Cities.AsNoTracking().Include(c => c.Aliases).ToListAsync(ct);
        var byName = new Dictionary<string, ResolvedCity>(StringComparer.Ordinal);
        foreach (var city in cities)
        {
            var placed = new ResolvedCity(city.Name, city.NameKey, city.Names.ToArray());
            byName[city.NameKey] = placed;
            foreach (var alias in city.Aliases)
            {
                byName.TryAdd(alias.NameKey, placed);
            }
        }
        return new CityNameIndex(byName);
    }
}
