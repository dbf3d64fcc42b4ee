using CulturaLite.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Events;

internal static class CityCounts
{
    /// <summary>
    /// Exactly the cities `/api/events/` lists without filters (public and upcoming), grouped by the
    /// folded city so "Pune" and "PUNE" count as one, each labelled by its most frequent spelling.
    /// </summary>
    public static Task<List<CityResponse>> ListAsync(AppDbContext db, PublicCache cache, TimeProvider clock, CancellationToken ct) =>
        cache.GetOrCreateAsync("cities", () => QueryAsync(db, clock.GetUtcNow().UtcDateTime, ct));

    private static async Task<List<CityResponse>> QueryAsync(AppDbContext db, DateTime now, CancellationToken ct)
    {
        var spellings = await db.Events.AsNoTracking()
            .Where(Event.IsPublic).Where(e => e.EventDate >= now && e.Lifecycle != EventLifecycle.Cancelled)
            .GroupBy(e => new { e.CityKey, e.City })
            .Select(g => new { g.Key.CityKey, g.Key.City, Count = g.Count() })
            .ToListAsync(ct);
        return spellings
            .GroupBy(s => s.CityKey)
            .Select(g => new CityResponse(
                g.OrderByDescending(s => s.Count).ThenBy(s => s.City, StringComparer.Ordinal).First().City,
                g.Sum(s => s.Count)))
            .Where(c => c.Name.Length > 0)
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
