using CulturaLite.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Accounts;

/// <summary>
/// Refresh-token rotation with theft detection. Each login starts a family; each refresh marks the
/// presented token used (a conditional update, so of two racing refreshes only one wins) and issues
/// its successor; presenting an already-used token revokes the whole family.
/// </summary>
public sealed class RefreshTokenFamily(AppDbContext db, TokenIssuer tokens, TimeProvider clock, IHttpContextAccessor? http = null)
{
    public sealed record TokenPair(string Access, string Refresh);

    public enum Outcome
    {
        Rotated,
        Invalid,
        Reused,
    }

    /// <summary>A new login chain, with where it was opened (the browser and the network) for the caller's session list.</summary>
    public async Task<TokenPair> StartAsync(User user, CancellationToken ct)
    {
        var family = Guid.NewGuid();
        var request = http?.HttpContext?.Request;
        db.LoginSessions.Add(LoginSession.Open(family, user.Id, clock.GetUtcNow().UtcDateTime,
            request?.Headers.UserAgent.ToString(), request?.HttpContext.Connection.RemoteIpAddress));
        return await IssueAsync(user, family, ct);
    }

    /// <param name="presented">The refresh token the client sent.</param>
    /// <param name="arrivedAt">When the request reached us. A token presented before its successor was
    /// issued is a racing twin (two tabs refreshing at once), not a theft: it just loses.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<(Outcome Outcome, TokenPair? Tokens)> RotateAsync(string presented, DateTime arrivedAt, CancellationToken ct)
    {
        var identity = await tokens.ValidateAsync(presented, TokenTypes.Refresh);
        if (identity is null)
        {
            return (Outcome.Invalid, null);
        }
        var hash = TokenIssuer.Hash(presented);
        var stored = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (stored is null)
        {
            return (Outcome.Invalid, null);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (stored.RevokedAt is not null)
        {
            // Presented again after its successor was handed out: someone replayed it. Presented
            // before that, it raced its own rotation (two tabs at once) and simply loses.
            var successorIssuedAt = await db.RefreshTokens.AsNoTracking()
                .Where(t => t.FamilyId == stored.FamilyId && t.Id > stored.Id)
                .OrderBy(t => t.Id).Select(t => (DateTime?)t.CreatedAt).FirstOrDefaultAsync(ct);
            if (successorIssuedAt is { } issued && arrivedAt >= issued)
            {
                await RevokeFamilyAsync(stored.FamilyId, ct);
                return (Outcome.Reused, null);
            }
            return (Outcome.Invalid, null);
        }
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == stored.UserId, ct);
        if (user is null || !user.IsActive)
        {
            return (Outcome.Invalid, null);
        }
        // Only the request whose update changes the row may rotate; a racing twin simply loses.
        var won = await db.RefreshTokens
            .Where(t => t.Id == stored.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        if (won == 0)
        {
            return (Outcome.Invalid, null);
        }
        return (Outcome.Rotated, await IssueAsync(user, stored.FamilyId, ct));
    }

    /// <summary>True while the refresh token is ours and neither rotated, logged out nor revoked.</summary>
    public Task<bool> IsLiveAsync(string presented, CancellationToken ct)
    {
        var hash = TokenIssuer.Hash(presented);
        return db.RefreshTokens.AsNoTracking().AnyAsync(t => t.TokenHash == hash && t.RevokedAt == null, ct);
    }

    /// <summary>Logout: the presented token stops working. False when the token is not ours or not valid.</summary>
    public async Task<bool> RevokeAsync(string presented, CancellationToken ct)
    {
        if (await tokens.ValidateAsync(presented, TokenTypes.Refresh) is null)
        {
            return false;
        }
        var hash = TokenIssuer.Hash(presented);
        var now = clock.GetUtcNow().UtcDateTime;
        var family = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.FamilyId).FirstOrDefaultAsync(ct);
        if (family is null)
        {
            return false;
        }
        // Logging out ends the login: every token of its chain.
        await RevokeFamilyAsync(family.Value, ct);
        return true;
    }

    public Task<int> RevokeFamilyAsync(Guid familyId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.RefreshTokens.Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
    }

    public Task<int> RevokeAllForUserAsync(int userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
    }

    private async Task<TokenPair> IssueAsync(User user, Guid family, CancellationToken ct)
    {
        var refresh = tokens.CreateRefreshToken(user, out var expires);
        db.RefreshTokens.Add(RefreshToken.Issue(user.Id, family, TokenIssuer.Hash(refresh), clock.GetUtcNow().UtcDateTime, expires));
        await db.SaveChangesAsync(ct);
        return new TokenPair(tokens.CreateAccessToken(user, family), refresh);
    }
}
