using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Accounts;

/// <summary>
/// Activating and deactivating accounts, shared by the admin API and the admin console.
/// Deactivation revokes every refresh token and makes live access tokens fail at once.
/// </summary>
public sealed class AccountAdministration(AppDbContext db, RefreshTokenFamily tokens, UserStatusCache statuses, Passwords passwords, Moderation.AuditLog audit)
{
    public const string NoSuchUser = "No user matches the given id.";

    public async Task<Outcome<User>> DeactivateAsync(int userId, int actingAdminId, CancellationToken ct)
    {
        if (userId == actingAdminId)
        {
            return Outcome<User>.Conflict("self", "You cannot deactivate your own account.");
        }
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return Outcome<User>.NotFound(NoSuchUser);
        }
        user.Deactivate();
        await audit.RecordAsync("user.deactivate", "user", userId, new { user.Email }, ct: ct);
        await db.SaveChangesAsync(ct);
        await tokens.RevokeAllForUserAsync(userId, ct);
        statuses.Forget(userId);
        return Outcome<User>.Done(user);
    }

    public async Task<Outcome<User>> ActivateAsync(int userId, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return Outcome<User>.NotFound(NoSuchUser);
        }
        user.Activate();
        await audit.RecordAsync("user.activate", "user", userId, new { user.Email }, ct: ct);
        await db.SaveChangesAsync(ct);
        statuses.Forget(userId);
        return Outcome<User>.Done(user);
    }

    /// <summary>Ends every console session of the account (sign-out): copied cookies stop working too.</summary>
    public Task<Outcome<User>> EndConsoleSessionsAsync(int userId, CancellationToken ct) =>
        ChangeAsync(userId, null, u => u.EndSessions(), ct);

    /// <summary>A new password: every refresh token and console session of the account ends.</summary>
    public Task<Outcome<User>> SetPasswordAsync(int userId, string password, CancellationToken ct) =>
        ChangeAsync(userId, "user.password", u => u.ChangePassword(passwords.Hash(password)), ct);

    /// <summary>Makes the account an admin; sessions opened with the old role end.</summary>
    public Task<Outcome<User>> PromoteAsync(int userId, CancellationToken ct) =>
        ChangeAsync(userId, "user.promote", u => u.PromoteToAdmin(), ct);

    /// <summary>Makes an admin a vendor; sessions opened with the old role end.</summary>
    public Task<Outcome<User>> DemoteAsync(int userId, CancellationToken ct) =>
        ChangeAsync(userId, "user.demote", u => u.DemoteToVendor(), ct);

    private async Task<Outcome<User>> ChangeAsync(int userId, string? auditAction, Action<User> change, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return Outcome<User>.NotFound(NoSuchUser);
        }
        change(user);
        if (auditAction is not null)
        {
            await audit.RecordAsync(auditAction, "user", userId, new { user.Email }, ct: ct);
            await db.SaveChangesAsync(ct);
            await tokens.RevokeAllForUserAsync(userId, ct);
        }
        else
        {
            await db.SaveChangesAsync(ct);
        }
        statuses.Forget(userId);
        return Outcome<User>.Done(user);
    }

    /// <summary>Trusts a vendor (their events are approved at once) or stops trusting them.</summary>
    public async Task<Outcome<User>> TrustAsync(int userId, bool trusted, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return Outcome<User>.NotFound(NoSuchUser);
        }
        user.Trust(trusted);
        await audit.RecordAsync(trusted ? "user.trust" : "user.untrust", "user", userId, new { user.Email }, ct: ct);
        await db.SaveChangesAsync(ct);
        return Outcome<User>.Done(user);
    }

    /// <summary>Accounts matching a search over email, name and organization, newest first.</summary>
    public IQueryable<User> Search(string? search, string? role = null, bool? isActive = null)
    {
        var users = db.Users.AsNoTracking();
        if (role is Roles.Admin or Roles.Vendor)
        {
            users = users.Where(u => u.Role == role);
        }
        if (isActive is { } active)
        {
            users = users.Where(u => u.IsActive == active);
        }
        var text = search?.Replace("\0", "").Trim();
        if (!string.IsNullOrEmpty(text))
        {
            var folded = text.ToLowerInvariant();
            users = users.Where(u => u.NormalizedEmail.Contains(folded) || u.Name.ToLower().Contains(folded) || u.OrganizationName.ToLower().Contains(folded));
        }
        return users.OrderByDescending(u => u.DateJoined).ThenByDescending(u => u.Id);
    }
}
