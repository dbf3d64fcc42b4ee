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
