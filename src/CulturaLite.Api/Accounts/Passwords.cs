using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Accounts;

/// <summary>
/// ASP.NET Core Identity's PBKDF2-HMAC-SHA512 hasher (at least 210,000 iterations, OWASP's figure),
/// which also accepts Django's `pbkdf2_sha256$iterations$salt$hash` so vendors imported from the
/// Django deployment keep their passwords; those, and weaker Identity hashes, ask to be rehashed.
/// </summary>
public sealed class Passwords
{
    public const int MinimumIterations = 210_000;
    private const string DjangoPrefix = "pbkdf2_sha256$";

    private readonly PasswordHasher<User> _identity;
    private readonly string _dummyHash;

    public Passwords(int iterations = MinimumIterations)
    {
        _identity = new PasswordHasher<User>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = Math.Max(iterations, MinimumIterations),
        }));
        _dummyHash = _identity.HashPassword(null!, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        VerifyNothing("warm");
        // Slower than one check of ours and of Django's usual iteration counts (260,000 to 1,000,000
        // PBKDF2-SHA256 rounds cost up to about 3x what one of our checks does).
        RefusalFloor = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(300).Ticks, watch.Elapsed.Ticks * 3));
    }

    /// <summary>The least time a refused login takes, so the kind of stored hash cannot be told by timing.</summary>
    public TimeSpan RefusalFloor { get; }

    /// <summary>As many hashes at once as there are cores; the rest wait without holding a thread.</summary>
    private readonly SemaphoreSlim _cores = new(Math.Max(1, Environment.ProcessorCount));

    /// <summary>
    /// Runs hashing work when a core is free. A burst of logins on a fresh server would otherwise
    /// occupy every thread-pool thread with PBKDF2, starving the database connections' callbacks.
    /// </summary>
    public async Task<T> QueuedAsync<T>(Func<Passwords, T> work, CancellationToken ct)
    {
        await _cores.WaitAsync(ct);
        try
        {
            return work(this);
        }
        finally
        {
            _cores.Release();
        }
    }

    public string Hash(string password) => _identity.HashPassword(null!, password);

    public PasswordVerificationResult Verify(string storedHash, string password)
    {
        if (storedHash.StartsWith(DjangoPrefix, StringComparison.Ordinal))
        {
            return VerifyDjango(storedHash, password) ? PasswordVerificationResult.SuccessRehashNeeded : PasswordVerificationResult.Failed;
        }
        try
        {
            return _identity.VerifyHashedPassword(null!, storedHash, password);
        }
        catch (FormatException)
        {
            return PasswordVerificationResult.Failed;
        }
    }

    /// <summary>Spends the same time as a real check, so a missing account cannot be told apart by timing.</summary>
    public void VerifyNothing(string password) => _identity.VerifyHashedPassword(null!, _dummyHash, password);

    private static bool VerifyDjango(string stored, string password)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || !int.TryParse(parts[1], out var iterations) || iterations is < 1 or > 10_000_000)
        {
            return false;
        }
        byte[] expected;
        try
        {
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(parts[2]),
            iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
