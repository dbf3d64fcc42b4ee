using CulturaLite.Api.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Accounts;

/// <summary>
/// The one password check, for the API's login and the admin console's: an unknown email costs
/// the same time as a wrong password, an inactive account fails like a wrong password, and a hash
/// weaker than today's (or Django's) is upgraded on the tracked user for the caller to save.
/// </summary>
public sealed class Credentials(AppDbContext db, Passwords passwords)
{
    /// <summary>The active user with this email and password, or null.</summary>
    public async Task<User?> CheckAsync(string email, string password, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == User.NormalizeEmail(email), ct);
        if (user is null)
        {
            await passwords.QueuedAsync(p => { p.VerifyNothing(password); return true; }, ct);
            await passwords.WaitOutRefusalFloorAsync(started, ct);
            return null;
        }
        var stored = user.Password;
        var verdict = await passwords.QueuedAsync(p => p.Verify(stored, password), ct);
        if (verdict == PasswordVerificationResult.Failed || !user.IsActive)
        {
            // Every refusal takes at least the same floor, whatever the stored hash was (ours, or an imported
            // Django hash of any iteration count) or whether the account exists.
            await passwords.WaitOutRefusalFloorAsync(started, ct);
            return null;
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.SetPasswordHash(await passwords.QueuedAsync(p => p.Hash(password), ct));
        }
        return user;
    }
}
