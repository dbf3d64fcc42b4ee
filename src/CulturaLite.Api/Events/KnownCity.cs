using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Events;

/// <summary>
/// A known city: the canonical name that events are stored and listed under, and the other names
/// people type for it (Bombay, मुंबई). Shipped for Indian cities; admins add more.
/// </summary>
public sealed class KnownCity
{
    public const int NameMaxLength = Event.CityMaxLength;
    public const int MaxAliases = 50;

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The name folded (<see cref="CityNames.Fold"/>): unique across every name of every city.</summary>
    public string NameKey { get; private set; } = "";
    public List<KnownCityAlias> Aliases { get; private set; } = [];

    private KnownCity() { }

    public static KnownCity Create(string name, IEnumerable<string> aliases)
    {
        var city = new KnownCity();
        city.Rename(name, aliases);
        return city;
    }

    /// <summary>Sets the canonical name and the other names (duplicates and the canonical name itself dropped).</summary>
    public void Rename(string name, IEnumerable<string> aliases)
    {
        Name = CityNames.Tidy(name);
        NameKey = CityNames.Fold(Name);
        var wanted = aliases.Select(CityNames.Tidy).Where(a => a.Length > 0 && CityNames.Fold(a) != NameKey)
            .DistinctBy(CityNames.Fold).ToList();
        Aliases.RemoveAll(a => !wanted.Any(w => CityNames.Fold(w) == a.NameKey));
        foreach (var alias in wanted)
        {
            var existing = Aliases.FirstOrDefault(a => a.NameKey == CityNames.Fold(alias));
            if (existing is null)
            {
                Aliases.Add(new KnownCityAlias(alias));
            }
            else
            {
                existing.Respell(alias);
            }
        }
    }

    /// <summary>Every name of the city, canonical first.</summary>
    public IEnumerable<string> Names => Aliases.Select(a => a.Name).Prepend(Name);

}

internal sealed class KnownCityConfiguration : IEntityTypeConfiguration<KnownCity>
{
    public void Configure(EntityTypeBuilder<KnownCity> b)
    {
        b.ToTable("cities_city");
        b.Property(c => c.Name).HasMaxLength(KnownCity.NameMaxLength).IsRequired();
        b.Property(c => c.NameKey).HasMaxLength(KnownCity.NameMaxLength).IsRequired();
        b.HasIndex(c => c.NameKey).IsUnique();
        // The constraint keeps the name it was created with (the entity was called City then).
        b.HasMany(c => c.Aliases).WithOne().HasForeignKey(a => a.CityId).OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("fk_cities_city_alias_cities_city_id");
    }
}
