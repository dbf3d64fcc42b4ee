using System.ComponentModel.DataAnnotations;

namespace CulturaLite.Api.Accounts;

/// <summary>`RateLimiting:*`: per-client budgets (0 turns one off; `Enabled=false` turns them all off).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; set; } = true;

    [Range(0, 1_000_000, ErrorMessage = "RateLimiting:LoginPerMinute must be 0 (off) or a positive number.")]
    public int LoginPerMinute { get; set; } = 5;

    [Range(0, 1_000_000, ErrorMessage = "RateLimiting:RegisterPerMinute must be 0 (off) or a positive number.")]
    public int RegisterPerMinute { get; set; } = 3;

    [Range(0, 1_000_000, ErrorMessage = "RateLimiting:RefreshPerMinute must be 0 (off) or a positive number.")]
    public int RefreshPerMinute { get; set; } = 10;

    [Range(0, 1_000_000, ErrorMessage = "RateLimiting:LogoutPerMinute must be 0 (off) or a positive number.")]
    public int LogoutPerMinute { get; set; } = 10;

    [Range(0, 1_000_000, ErrorMessage = "RateLimiting:ReportsPerMinute must be 0 (off) or a positive number.")]
    public int ReportsPerMinute { get; set; } = 5;

    [Range(0, 1_000_000, ErrorMessage = "RateLimiting:AccountLinksPerMinute must be 0 (off) or a positive number.")]
    public int AccountLinksPerMinute { get; set; } = 5;

    /// <summary>Email and push subscriptions, confirmations, unsubscribes and "manage" links, per IP.</summary>
    [Range(0, 1_000_000, ErrorMessage = "RateLimiting:AlertsPerMinute must be 0 (off) or a positive number.")]
    public int AlertsPerMinute { get; set; } = 10;

    [Range(0, 1_000_000, ErrorMessage = "RateLimiting:SubmissionsPerHour must be 0 (off) or a positive number.")]
    public int SubmissionsPerHour { get; set; } = 30;
}

/// <summary>`Auth:*`: how sessions are kept: the cookies (the API's refresh cookie and the console's) and the account-state cache.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>`Auth:SecureCookies`: Secure even on plain-HTTP requests (behind a TLS-terminating proxy).</summary>
    public bool SecureCookies { get; set; }

    /// <summary>`Auth:UserStatusCacheSeconds`: how long an account's active flag and role are cached (0: read on every request).</summary>
    [Range(0, 300, ErrorMessage = "Auth:UserStatusCacheSeconds must be from 0 to 300.")]
    public double UserStatusCacheSeconds { get; set; } = 15;
}

/// <summary>`Passwords:*`: the cost of new password hashes.</summary>
public sealed class PasswordOptions
{
    public const string Section = "Passwords";

    /// <summary>`Passwords:Iterations`: PBKDF2 rounds of new hashes (never fewer than OWASP's 210,000; tests lower nothing).</summary>
    [Range(1, 10_000_000, ErrorMessage = "Passwords:Iterations must be from 1 to 10000000 (fewer than 210000 is raised to 210000).")]
    public int Iterations { get; set; } = Passwords.MinimumIterations;
}

/// <summary>`Accounts:*`: the emailed links of the account lifecycle.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>`Accounts:VerifyTokenHours`: how long an email verification link works.</summary>
    [Range(1, 24 * 30, ErrorMessage = "Accounts:VerifyTokenHours must be from 1 to 720.")]
    public int VerifyTokenHours { get; set; } = 72;

    /// <summary>`Accounts:ResetTokenMinutes`: how long a password reset link works.</summary>
    [Range(5, 24 * 60, ErrorMessage = "Accounts:ResetTokenMinutes must be from 5 to 1440.")]
    public int ResetTokenMinutes { get; set; } = 60;

    /// <summary>`Accounts:EmailsPerAddressPerHour`: verification or reset emails one address may receive in an hour.</summary>
    [Range(1, 100, ErrorMessage = "Accounts:EmailsPerAddressPerHour must be from 1 to 100.")]
    public int EmailsPerAddressPerHour { get; set; } = 3;
}
