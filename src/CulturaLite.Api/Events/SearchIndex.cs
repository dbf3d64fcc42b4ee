using System.Linq.Expressions;
using CulturaLite.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Events;

/// <summary>
/// Keeps <see cref="Event.SearchText"/> true when something outside the event changes what it is
/// found by: a city gains or loses a name, a category is renamed, or the folding itself changes
/// (<see cref="SearchWords.Format"/>, applied at start-up). Goes through SaveChanges, so the public
/// cache hears of it like any other write.
/// </summary>
public sealed class SearchIndex(AppDbContext db)
{
    private const int BatchSize = 500;

    /// <summary>The words besides the event's own text: every name of its city and its category's name.</summary>
    public static string Terms(ResolvedCity city, string? categoryName) => string.Join(' ', city.Names.Append(categoryName ?? ""));

    /// <summary>Places each chosen event under its city's canonical name and rebuilds its search words.</summary>
    /// <returns>How many events were rewritten.</returns>
    public async Task<int> RefreshAsync(Expression<Func<Event, bool>> which, CancellationToken ct)
    {
        var cities = await CityResolver.LoadAsync(db, ct);
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var last = 0;
        var done = 0;
        while (true)
        {
            var batch = await db.Events.Where(which).Where(e => e.Id > last).OrderBy(e => e.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return done;
            }
            foreach (var e in batch)
            {
                var placed = cities.Resolve(e.City);
                e.Relocate(placed);
                e.Reindex(Terms(placed, categories.GetValueOrDefault(e.CategoryId)));
            }
            try
            {
                await db.SaveChangesAsync(ct);
                last = batch[^1].Id;
                done += batch.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                // A vendor or an admin saved one of these meanwhile: read the batch again.
            }
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Re-indexes rows made by an older <see cref="SearchWords.Format"/> (after an upgrade).</summary>
    public Task<int> UpgradeAsync(CancellationToken ct) => RefreshAsync(e => e.SearchFormat < SearchWords.Format, ct);
}
