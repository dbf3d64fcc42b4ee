using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Events;

/// <summary>
/// Adding, renaming and removing known cities and their other names, for the admin API and the
/// console alike. Every name belongs to one city only. Events typed under a name that now belongs
/// to a city move under its canonical name, and every affected event is re-indexed for search.
/// </summary>
public sealed class KnownCityCatalog(AppDbContext db, SearchIndex search, Moderation.AuditLog audit)
{
    public const string NoSuchCity = "No city matches the given id.";

    public async Task<Outcome<KnownCity>> CreateAsync(string? name, IReadOnlyList<string?>? aliases, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (cleanName, cleanAliases) = await ValidateAsync(name, aliases, null, errors, ct);
        if (errors.Any)
        {
            return Outcome<KnownCity>.Invalid(errors);
        }
        var city = KnownCity.Create(cleanName!, cleanAliases);
        db.Cities.Add(city);
        // The log line needs the new id: both saves commit together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await SaveAsync(city, [], ct);
        if (result.Succeeded)
        {
            await audit.RecordAsync("city.create", "city", city.Id, new { city.Name, aliases = city.Aliases.Select(a => a.Name) }, ct: ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return result;
    }

    public async Task<Outcome<KnownCity>> UpdateAsync(int id, string? name, IReadOnlyList<string?>? aliases, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var city = await db.Cities.Include(c => c.Aliases).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (city is null)
        {
            return Outcome<KnownCity>.NotFound(NoSuchCity);
        }
        var (cleanName, cleanAliases) = await ValidateAsync(name, aliases, id, errors, ct);
        if (errors.Any)
        {
            return Outcome<KnownCity>.Invalid(errors);
        }
        var before = city.Names.Select(CityNames.Fold).ToList();
        city.Rename(cleanName!, cleanAliases);
        await audit.RecordAsync("city.update", "city", id, new { city.Name, aliases = city.Aliases.Select(a => a.Name) }, ct: ct);
        return await SaveAsync(city, before, ct);
    }

    public async Task<Outcome<KnownCity>> DeleteAsync(int id, CancellationToken ct)
    {
        var city = await db.Cities.Include(c => c.Aliases).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (city is null)
        {
            return Outcome<KnownCity>.NotFound(NoSuchCity);
        }
        var before = city.Names.Select(CityNames.Fold).ToList();
        db.Cities.Remove(city);
        await audit.RecordAsync("city.delete", "city", id, new { city.Name }, ct: ct);
        await db.SaveChangesAsync(ct);
        // Its events keep the canonical name as their own spelling; search forgets the other names.
        await search.RefreshAsync(e => before.Contains(e.CityKey), ct);
        return Outcome<KnownCity>.Done(city);
    }

    private async Task<(string? Name, List<string> Aliases)> ValidateAsync(
        string? name, IReadOnlyList<string?>? aliases, int? id, FieldErrors errors, CancellationToken ct)
    {
        var cleanName = errors.Text("name", name, KnownCity.NameMaxLength);
        var cleanAliases = new List<string>();
        if (aliases is { Count: > KnownCity.MaxAliases })
        {
            errors.Add("aliases", $"Ensure this field has no more than {KnownCity.MaxAliases} elements.");
        }
        else
        {
            foreach (var alias in aliases ?? [])
            {
                if (errors.Text("aliases", alias, KnownCity.NameMaxLength) is { } clean)
                {
                    cleanAliases.Add(clean);
                }
            }
        }
        if (errors.Any)
        {
            return (null, cleanAliases);
        }
        var taken = await db.Cities.AsNoTracking().Include(c => c.Aliases).Where(c => id == null || c.Id != id).ToListAsync(ct);
        var owner = taken.SelectMany(c => c.Names.Select(n => (Key: CityNames.Fold(n), City: c.Name)))
            .ToDictionary(x => x.Key, x => x.City, StringComparer.Ordinal);
        if (owner.TryGetValue(CityNames.Fold(cleanName!), out var nameOwner))
        {
            errors.Add("name", $"“{cleanName}” is already a name of {nameOwner}.");
        }
        foreach (var alias in cleanAliases)
        {
            if (owner.TryGetValue(CityNames.Fold(alias), out var aliasOwner))
            {
                errors.Add("aliases", $"“{alias}” is already a name of {aliasOwner}.");
            }
        }
        return (cleanName, cleanAliases);
    }

    private async Task<Outcome<KnownCity>> SaveAsync(KnownCity city, List<string> namesBefore, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!ApiExceptionHandler.IsDatabaseUnavailable(e))
        {
            // A concurrent change took one of the names.
            db.ChangeTracker.Clear();
            var errors = new FieldErrors();
            errors.Add("name", "One of these names was just given to another city. Reload and try again.");
            return Outcome<KnownCity>.Invalid(errors);
        }
        var keys = city.Names.Select(CityNames.Fold).Concat(namesBefore).Distinct().ToList();
        await search.RefreshAsync(e => keys.Contains(e.CityKey), ct);
        return Outcome<KnownCity>.Done(city);
    }
}
