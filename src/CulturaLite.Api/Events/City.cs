using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Events;

/// <summary>
/// A known city: the canonical name that events are stored and listed under, and the other names
/// people type for it (Bombay, मुंबई). Shipped for Indian cities; admins add more.
/// </summary>
public sealed class City
{
    public const int NameMaxLength = Event.CityMaxLength;
    public const int MaxAliases = 50;

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The name folded (<see cref="Fold"/>): unique across every name of every city.</summary>
    public string NameKey { get; private set; } = "";
    public List<CityAlias> Aliases { get; private set; } = [];

    private City() { }

    public static City Create(string name, IEnumerable<string> aliases)
    {
        var city = new City();
        city.Rename(name, aliases);
        return city;
    }

    /// <summary>Sets the canonical name and the other names (duplicates and the canonical name itself dropped).</summary>
    public void Rename(string name, IEnumerable<string> aliases)
    {
        Name = Tidy(name);
        NameKey = Fold(Name);
        var wanted = aliases.Select(Tidy).Where(a => a.Length > 0 && Fold(a) != NameKey)
            .DistinctBy(Fold).ToList();
        Aliases.RemoveAll(a => !wanted.Any(w => Fold(w) == a.NameKey));
        foreach (var alias in wanted)
        {
            var existing = Aliases.FirstOrDefault(a => a.NameKey == Fold(alias));
            if (existing is null)
            {
                Aliases.Add(new CityAlias(alias));
            }
            else
            {
                existing.Respell(alias);
            }
        }
    }

    /// <summary>Every name of the city, canonical first.</summary>
    public IEnumerable<string> Names => Aliases.Select(a => a.Name).Prepend(Name);

    /// <summary>Trimmed, inner runs of spaces made one, composed (NFC): how a typed city is kept.</summary>
    public static string Tidy(string name)
    {
        var sb = new StringBuilder(name.Length);
        var space = false;
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space)
            {
                sb.Append(' ');
                space = false;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>What makes two spellings the same city: tidied and lower-cased.</summary>
    public static string Fold(string name) => Tidy(name).ToLowerInvariant();
}

/// <summary>Another name of a <see cref="City"/>.</summary>
public sealed class CityAlias
{
    public int Id { get; private set; }
    public int CityId { get; private set; }
    public string Name { get; private set; } = "";
    public string NameKey { get; private set; } = "";

    private CityAlias() { }

    internal CityAlias(string name) => Respell(name);

    internal void Respell(string name)
    {
        Name = City.Tidy(name);
        NameKey = City.Fold(Name);
    }
}

internal sealed class CityConfiguration : IEntityTypeConfiguration<City>
{
    public void Configure(EntityTypeBuilder<City> b)
    {
        b.ToTable("cities_city");
        b.Property(c => c.Name).HasMaxLength(City.NameMaxLength).IsRequired();
        b.Property(c => c.NameKey).HasMaxLength(City.NameMaxLength).IsRequired();
        b.HasIndex(c => c.NameKey).IsUnique();
        b.HasMany(c => c.Aliases).WithOne().HasForeignKey(a => a.CityId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CityAliasConfiguration : IEntityTypeConfiguration<CityAlias>
{
    public void Configure(EntityTypeBuilder<CityAlias> b)
    {
        b.ToTable("cities_city_alias");
        b.Property(a => a.Name).HasMaxLength(City.NameMaxLength).IsRequired();
        b.Property(a => a.NameKey).HasMaxLength(City.NameMaxLength).IsRequired();
        b.HasIndex(a => a.NameKey).IsUnique();
    }
}
