using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Accounts;

/// <summary>
/// One issued refresh token, kept only as a SHA-256 hash. Tokens issued from one login form a
/// family: rotating marks the old one used; presenting a used one again revokes the family.
/// </summary>
public sealed class RefreshToken
{
    public long Id { get; private set; }
    public int UserId { get; private set; }
    public Guid FamilyId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    /// <summary>When it was rotated, logged out or revoked with its family; null while usable.</summary>
    public DateTime? RevokedAt { get; private set; }

    private RefreshToken() { }

    public static RefreshToken Issue(int userId, Guid familyId, string tokenHash, DateTime now, DateTime expiresAt) => new()
    {
        UserId = userId,
        FamilyId = familyId,
        TokenHash = tokenHash,
        CreatedAt = now,
        ExpiresAt = expiresAt,
    };
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> b)
    {
        b.ToTable("accounts_refresh_token");
        b.Property(t => t.TokenHash).HasMaxLength(64).IsRequired();
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasIndex(t => t.FamilyId);
        b.HasIndex(t => t.ExpiresAt);
        b.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
