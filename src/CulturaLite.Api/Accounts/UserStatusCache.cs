using CulturaLite.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CulturaLite.Api.Accounts;

/// <summary>
/// Whether a token's user may still act, checked on every authenticated request without a database
/// round-trip each time: answers are cached briefly and dropped at once when this instance changes
/// the user (other instances see the change within the cache lifetime, 15 s by default).
/// </summary>
public sealed class UserStatusCache : IDisposable
{
    private readonly IMemoryCache cache;
    private readonly TimeSpan lifetime;
    private readonly IServiceScopeFactory scopes;
    private readonly ChangeFeed feed;

    /// <summary>Accounts whose state is kept at once; its own store, so no other cache's flood can evict them.</summary>
    public const int MaxAccounts = 100_000;

    public UserStatusCache(IServiceScopeFactory scopes, ChangeFeed feed, Microsoft.Extensions.Options.IOptions<AuthOptions> auth)
        : this(scopes, feed, auth, MaxAccounts)
    {
    }

    /// <summary>With a smaller bound, so that a test can fill the store.</summary>
    internal UserStatusCache(IServiceScopeFactory scopes, ChangeFeed feed, Microsoft.Extensions.Options.IOptions<AuthOptions> auth, int maxAccounts)
    {
        cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = maxAccounts });
        // `Auth:UserStatusCacheSeconds` = 0 checks the database on every request (measured in bench/results).
        lifetime = TimeSpan.FromSeconds(auth.Value.UserStatusCacheSeconds);
        this.scopes = scopes;
        this.feed = feed;
        // A deactivation on another instance reaches this one at once (or within the cache lifetime if the feed is down).
        feed.Received += message =>
        {
            if (message.StartsWith("user:", StringComparison.Ordinal) && int.TryParse(message.AsSpan(5), out var id))
            {
                cache.Remove(Key(id));
            }
            else if (message == ChangeFeed.Everything)
            {
                // The feed reconnected: changes may have been missed, so nothing cached may be trusted.
                Interlocked.Increment(ref _epoch);
            }
        };
    }

    public void Dispose() => cache.Dispose();

    /// <summary>How many accounts' states are held now.</summary>
    internal int Count => ((MemoryCache)cache).Count;

    public sealed record Status(bool IsActive, string Role, string SecurityStamp);

    public async Task<Status?> GetAsync(int userId, CancellationToken ct)
    {
        if (cache.TryGetValue(Key(userId), out Status? status))
        {
            return status;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        status = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new Status(u.IsActive, u.Role, u.SecurityStamp)).FirstOrDefaultAsync(ct);
        if (lifetime > TimeSpan.Zero)
        {
            cache.Set(Key(userId), status, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime, Size = 1 });
        }
        return status;
    }

    /// <summary>Drops what is known about the user, here and on the other instances.</summary>
    public void Forget(int userId)
    {
        cache.Remove(Key(userId));
        feed.Broadcast($"user:{userId}");
    }

    private long _epoch;

    private string Key(int userId) => $"user-status:{Interlocked.Read(ref _epoch)}:{userId}";
}
