using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Events;

/// <summary>Another name of a <see cref="KnownCity"/>.</summary>
public sealed class KnownCityAlias
{
    public int Id { get; private set; }
    public int CityId { get; private set; }
    public string Name { get; private set; } = "";
    public string NameKey { get; private set; } = "";

    private KnownCityAlias() { }

    internal KnownCityAlias(string name) => Respell(name);

    internal void Respell(string name)
    {
        Name = CityNames.Tidy(name);
        NameKey = CityNames.Fold(Name);
    }
}

internal sealed class KnownCityAliasConfiguration : IEntityTypeConfiguration<KnownCityAlias>
{
    public void Configure(EntityTypeBuilder<KnownCityAlias> b)
    {
        b.ToTable("cities_city_alias");
        b.Property(a => a.Name).HasMaxLength(KnownCity.NameMaxLength).IsRequired();
        b.Property(a => a.NameKey).HasMaxLength(KnownCity.NameMaxLength).IsRequired();
        b.HasIndex(a => a.NameKey).IsUnique();
    }
}
