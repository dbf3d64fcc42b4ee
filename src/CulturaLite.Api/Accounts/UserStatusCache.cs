using CulturaLite.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CulturaLite.Api.Accounts;

/// <summary>
/// Whether a token's user may still act, checked on every authenticated request without a database
/// round-trip each time: answers are cached briefly and dropped at once when this instance changes
/// the user (other instances see the change within <see cref="Lifetime"/>).
/// </summary>
public sealed class UserStatusCache(IMemoryCache cache, IServiceScopeFactory scopes)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(15);

    public sealed record Status(bool IsActive, string Role);

    public async Task<Status?> GetAsync(int userId, CancellationToken ct)
    {
        if (cache.TryGetValue(Key(userId), out Status? status))
        {
            return status;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        status = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new Status(u.IsActive, u.Role)).FirstOrDefaultAsync(ct);
        cache.Set(Key(userId), status, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        return status;
    }

    public void Forget(int userId) => cache.Remove(Key(userId));

    private static string Key(int userId) => $"user-status:{userId}";
}
