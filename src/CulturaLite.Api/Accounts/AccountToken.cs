using System.Security.Cryptography;
using System.Text;
using CulturaLite.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Accounts;

/// <summary>
/// A token sent by email (verify an address, reset a password, confirm a new address): 256 random bits, kept only
/// as its SHA-256, single-use, expiring. Issuing one for a purpose voids the account's older ones of that purpose.
/// </summary>
public sealed class AccountToken
{
    public const string VerifyEmail = "verify_email";
    public const string ResetPassword = "reset_password";
    /// <summary>Confirms a new address (<see cref="Email"/>): redeemed through `verify-email/`, it becomes the account's.</summary>
    public const string ChangeEmail = "change_email";

    public long Id { get; private set; }
    public int UserId { get; private set; }
    public User User { get; private set; } = null!;
    public string Purpose { get; private set; } = "";
    /// <summary>SHA-256 of the token, hex: a copy of the table lets nobody in.</summary>
    public string Hash { get; private set; } = "";
    /// <summary>The address a token of <see cref="VerifyEmail"/> confirms (the account's, or the new one of an email change).</summary>
    public string? Email { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? UsedAt { get; private set; }

    private AccountToken() { }

    /// <summary>A new token and the text that goes into the email (the only copy of it).</summary>
    public static (AccountToken Token, string Text) Issue(User user, string purpose, string? email, TimeSpan lifetime, DateTime now)
    {
        var text = NewText();
        return (new AccountToken { User = user, Purpose = purpose, Email = email, Hash = HashOf(text), CreatedAt = now, ExpiresAt = now + lifetime }, text);
    }

    /// <summary>256 random bits as URL-safe text: what every emailed link carries.</summary>
    public static string NewText() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal sealed class AccountTokenConfiguration : IEntityTypeConfiguration<AccountToken>
{
    public void Configure(EntityTypeBuilder<AccountToken> b)
    {
        b.ToTable("accounts_token");
        b.Property(t => t.Purpose).HasMaxLength(20).IsRequired();
        b.Property(t => t.Hash).HasMaxLength(64).IsRequired();
        b.Property(t => t.Email).HasMaxLength(User.EmailMaxLength);
        b.HasIndex(t => t.Hash).IsUnique();
        b.HasIndex(t => new { t.UserId, t.Purpose, t.CreatedAt });
        b.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Issuing and redeeming <see cref="AccountToken"/>s: one rule for every emailed link.</summary>
public sealed class AccountTokens(AppDbContext db, TimeProvider clock)
{
    public const string Unusable = "This link is invalid, expired or was already used.";

    /// <summary>
    /// A new token for <paramref name="user"/>, added to the pending save; the account's unused tokens of the same
    /// purpose stop working at once (a newer link voids the older ones).
    /// </summary>
    public async Task<string> IssueAsync(User user, string purpose, string? email, TimeSpan lifetime, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (user.Id != 0)
        {
            await VoidAsync(user.Id, purpose, ct);
        }
        var (token, text) = AccountToken.Issue(user, purpose, email, lifetime, now);
        db.AccountTokens.Add(token);
        return text;
    }

    /// <summary>The account's unused tokens of <paramref name="purpose"/> stop working (a password change voids reset links).</summary>
    public Task<int> VoidAsync(int userId, string purpose, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.AccountTokens.Where(t => t.UserId == userId && t.Purpose == purpose && t.UsedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, now), ct);
    }

    /// <summary>The token when it could be used now (known, of this purpose, unexpired, unused), without using it.</summary>
    public async Task<AccountToken?> PeekAsync(string? text, string purpose, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200)
        {
            return null;
        }
        var hash = AccountToken.HashOf(text.Trim());
        var now = clock.GetUtcNow().UtcDateTime;
        var token = await db.AccountTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash && t.Purpose == purpose && t.UsedAt == null && t.ExpiresAt > now, ct);
        // The index finds the row by its hash; the hashes are then compared in constant time, so that no comparison
        // this code makes depends on how much of a guess was right (a database collation could otherwise decide it).
        return token is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token.Hash), Encoding.ASCII.GetBytes(hash)) ? token : null;
    }

    /// <summary>How many tokens of <paramref name="purpose"/> were issued to the account in the last hour (the per-address email cap).</summary>
    public Task<int> IssuedInLastHourAsync(int userId, string purpose, CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddHours(-1);
        return db.AccountTokens.CountAsync(t => t.UserId == userId && t.Purpose == purpose && t.CreatedAt > since, ct);
    }

    /// <summary>
    /// Uses the token once: the token (with its account) when it is known, of this purpose, unexpired and unused, and
    /// this call is the one that marked it used (of two racing redeems exactly one wins); otherwise null.
    /// </summary>
    public async Task<AccountToken?> RedeemAsync(string? text, string purpose, CancellationToken ct)
    {
        var token = await PeekAsync(text, purpose, ct);
        if (token is null)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var won = await db.AccountTokens.Where(t => t.Id == token.Id && t.UsedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct) == 1;
        return won ? token : null;
    }
}
