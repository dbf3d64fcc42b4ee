using CulturaLite.Api.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Alerts;

/// <summary>
/// A confirmation or "manage" email sent to an address, counted for the hourly cap per address. The address is kept
/// only as its SHA-256 (the cap needs to recognise it, not to read it), and rows older than a day are removed.
/// </summary>
public sealed class SentToAddress
{
    public long Id { get; private set; }
    public string AddressHash { get; private set; } = "";
    public DateTime SentAt { get; private set; }

    private SentToAddress() { }

    public static SentToAddress Of(string normalizedEmail, DateTime now) => new() { AddressHash = HashOf(normalizedEmail), SentAt = now };

    public static string HashOf(string normalizedEmail) => AccountToken.HashOf("alerts:" + normalizedEmail);
}

internal sealed class SentToAddressConfiguration : IEntityTypeConfiguration<SentToAddress>
{
    public void Configure(EntityTypeBuilder<SentToAddress> b)
    {
        b.ToTable("alerts_address_email");
        b.Property(a => a.AddressHash).HasMaxLength(64).IsRequired();
        b.HasIndex(a => new { a.AddressHash, a.SentAt });
    }
}
