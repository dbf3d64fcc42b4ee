using System.Net;
using System.Net.Sockets;
using CulturaLite.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Accounts;

/// <summary>
/// Where a login chain (a refresh-token family) was opened: the browser's user agent and the network (IPv4 /24,
/// IPv6 /64), never the full address. The chain is active while it holds a live refresh token.
/// </summary>
public sealed class LoginSession
{
    public const int UserAgentMaxLength = 300;

    public Guid Id { get; private set; }
    public int UserId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string? UserAgent { get; private set; }
    public string? IpNetwork { get; private set; }

    private LoginSession() { }

    public static LoginSession Open(Guid family, int userId, DateTime now, string? userAgent, IPAddress? address) => new()
    {
        Id = family,
        UserId = userId,
        CreatedAt = now,
        UserAgent = string.IsNullOrWhiteSpace(userAgent) ? null : userAgent.Length > UserAgentMaxLength ? userAgent[..UserAgentMaxLength] : userAgent,
        IpNetwork = NetworkOf(address),
    };

    /// <summary>The address's network: IPv4 /24, IPv6 /64 (an IPv4-mapped IPv6 address as IPv4).</summary>
    public static string? NetworkOf(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var prefix = address.AddressFamily == AddressFamily.InterNetwork ? 24 : 64;
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }
        return new IPNetwork(new IPAddress(bytes), prefix).ToString();
    }
}

internal sealed class LoginSessionConfiguration : IEntityTypeConfiguration<LoginSession>
{
    public void Configure(EntityTypeBuilder<LoginSession> b)
    {
        b.ToTable("accounts_session");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.UserAgent).HasMaxLength(LoginSession.UserAgentMaxLength);
        b.Property(s => s.IpNetwork).HasMaxLength(64);
        b.HasIndex(s => new { s.UserId, s.CreatedAt });
        b.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed record SessionResponse(string Id, DateTime CreatedAt, DateTime LastUsedAt, string? UserAgent, string? IpNetwork, bool Current);

/// <summary>The caller's login chains: listed, ended one by one, or all but the current one.</summary>
public sealed class LoginSessions(AppDbContext db, RefreshTokenFamily refreshTokens, TimeProvider clock)
{
    /// <summary>The active chains (with a live refresh token), most recently used first.</summary>
    public async Task<List<SessionResponse>> ListAsync(int userId, Guid? current, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var live = db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null && t.ExpiresAt > now).Select(t => t.FamilyId);
        var chains = await db.RefreshTokens.AsNoTracking().Where(t => t.UserId == userId && live.Contains(t.FamilyId))
            .GroupBy(t => t.FamilyId)
            .Select(g => new { Family = g.Key, Created = g.Min(t => t.CreatedAt), LastUsed = g.Max(t => t.CreatedAt) })
            .ToListAsync(ct);
        var ids = chains.Select(c => c.Family).ToList();
        var opened = await db.LoginSessions.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        return chains
            .Select(c => new SessionResponse(c.Family.ToString("N"), c.Created, c.LastUsed, opened.GetValueOrDefault(c.Family)?.UserAgent,
                opened.GetValueOrDefault(c.Family)?.IpNetwork, c.Family == current))
            .OrderByDescending(s => s.LastUsedAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Ends one of the caller's chains at once; false when it is not theirs or not active.</summary>
    public async Task<bool> EndAsync(int userId, Guid family, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var active = await db.RefreshTokens.AnyAsync(t => t.UserId == userId && t.FamilyId == family && t.RevokedAt == null && t.ExpiresAt > now, ct);
        return active && await refreshTokens.RevokeFamilyAsync(family, ct) > 0;
    }

    /// <summary>Ends every chain of the caller but <paramref name="current"/>; how many ended.</summary>
    public async Task<int> EndOthersAsync(int userId, Guid? current, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var others = await db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null && t.ExpiresAt > now && t.FamilyId != current)
            .Select(t => t.FamilyId).Distinct().ToListAsync(ct);
        foreach (var family in others)
        {
            await refreshTokens.RevokeFamilyAsync(family, ct);
        }
        return others.Count;
    }
}
