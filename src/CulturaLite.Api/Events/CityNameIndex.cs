namespace CulturaLite.Api.Events;

/// <summary>Every known city by every one of its names (folded); a few hundred rows, held in memory.</summary>
public sealed class CityNameIndex(IReadOnlyDictionary<string, ResolvedCity> byName)
{
    /// <summary>The known city this name belongs to, else the name itself, tidied (grouped case-insensitively).</summary>
    public ResolvedCity Resolve(string typed)
    {
        var key = CityNames.Fold(typed);
        if (byName.TryGetValue(key, out var known))
        {
            return known;
        }
        var name = CityNames.Tidy(typed);
        return new ResolvedCity(name, key, [name]);
    }

    /// <summary>The key a `city` filter compares with: the known city's, else the typed name's.</summary>
    public string KeyOf(string typed) => Resolve(typed).Key;
}
