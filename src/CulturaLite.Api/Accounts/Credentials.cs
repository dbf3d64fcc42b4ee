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
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == User.NormalizeEmail(email), ct);
        if (user is null)
        {
            passwords.VerifyNothing(password);
            return null;
        }
        var verdict = passwords.Verify(user.Password, password);
        if (verdict == PasswordVerificationResult.Failed || !user.IsActive)
        {
            return null;
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.SetPasswordHash(passwords.Hash(password));
        }
        return user;
    }
}
