using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Accounts;

/// <summary>
/// ASP.NET Core Identity's PBKDF2-HMAC-SHA512 hasher (at least 210,000 iterations, OWASP's figure),
/// which also accepts the hashes of Django's hashers, so vendors imported from the Django deployment keep
/// their passwords: `pbkdf2_sha256$` (Django's default), `argon2$` (Argon2PasswordHasher), `bcrypt_sha256$`
/// and `bcrypt$`. Those, and weaker Identity hashes, ask to be rehashed.
/// </summary>
public sealed class Passwords
{
    public const int MinimumIterations = 210_000;
    private const string DjangoPrefix = "pbkdf2_sha256$";
    private const string DjangoArgon2 = "argon2$";
    private const string DjangoBcryptSha256 = "bcrypt_sha256$";
    private const string DjangoBcrypt = "bcrypt$";

    /// <summary>The Django hash formats checked here (an unusable password, "!...", matches nothing anyway).</summary>
    public static readonly string[] DjangoFormats = [DjangoPrefix, DjangoArgon2, DjangoBcryptSha256, DjangoBcrypt];

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

    /// <summary>
    /// Returns once <see cref="RefusalFloor"/> has passed since <paramref name="started"/> (a <see cref="System.Diagnostics.Stopwatch"/>
    /// timestamp), on the stopwatch itself: a timer may fire a little early. Waiting costs no CPU. Every answer whose
    /// timing must not tell accounts apart (a refused login, a reset request) waits here.
    /// </summary>
    public async Task WaitOutRefusalFloorAsync(long started, CancellationToken ct)
    {
        while (System.Diagnostics.Stopwatch.GetElapsedTime(started) is var elapsed && elapsed < RefusalFloor)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling((RefusalFloor - elapsed).TotalMilliseconds))), ct);
        }
    }

    /// <summary>Whether <paramref name="password"/> is the one behind <paramref name="storedHash"/>, checked when a core is free.</summary>
    public Task<bool> MatchesAsync(string storedHash, string password, CancellationToken ct) =>
        QueuedAsync(p => p.Verify(storedHash, password) != PasswordVerificationResult.Failed, ct);

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

    private int _running;
    private int _peak;

    /// <summary>
    /// The most hashes that ever ran at once in this process, counted inside each hashing method whoever
    /// calls it: a path that hashes without <see cref="QueuedAsync{T}"/> shows here as more than the cores.
    /// </summary>
    public int PeakConcurrent => Volatile.Read(ref _peak);

    private T Counted<T>(Func<T> hash)
    {
        var running = Interlocked.Increment(ref _running);
        for (var peak = Volatile.Read(ref _peak); running > peak; peak = Volatile.Read(ref _peak))
        {
            Interlocked.CompareExchange(ref _peak, running, peak);
        }
        try
        {
            return hash();
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public string Hash(string password) => Counted(() => _identity.HashPassword(null!, password));

    public PasswordVerificationResult Verify(string storedHash, string password) => Counted(() => VerifyUncounted(storedHash, password));

    private PasswordVerificationResult VerifyUncounted(string storedHash, string password)
    {
        bool? django = storedHash switch
        {
            _ when storedHash.StartsWith(DjangoPrefix, StringComparison.Ordinal) => VerifyDjango(storedHash, password),
            _ when storedHash.StartsWith(DjangoArgon2, StringComparison.Ordinal) => VerifyArgon2(storedHash[DjangoArgon2.Length..], password),
            // Django hashes the password with SHA-256 first (bcrypt reads only 72 bytes) and gives bcrypt its hex digest.
            _ when storedHash.StartsWith(DjangoBcryptSha256, StringComparison.Ordinal) =>
                VerifyBcrypt(storedHash[DjangoBcryptSha256.Length..], Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(password)))),
            _ when storedHash.StartsWith(DjangoBcrypt, StringComparison.Ordinal) => VerifyBcrypt(storedHash[DjangoBcrypt.Length..], password),
            _ => null,
        };
        if (django is { } ok)
        {
            return ok ? PasswordVerificationResult.SuccessRehashNeeded : PasswordVerificationResult.Failed;
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
    public void VerifyNothing(string password) => Counted(() => _identity.VerifyHashedPassword(null!, _dummyHash, password));

    /// <summary>
    /// The most PBKDF2 iterations an imported Django hash may ask for (twice Django 5.2's 1,000,000): a stored
    /// hash asking for more matches nothing, as Argon2 and bcrypt hashes beyond their caps do.
    /// </summary>
    public const int MaxDjangoIterations = 2_000_000;

    /// <summary>Django's pbkdf2_sha256 digest is SHA-256's 32 bytes; any other length is not Django's and matches nothing.</summary>
    private const int DjangoDigestBytes = 32;

    private static bool VerifyDjango(string stored, string password)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || iterations is < 1 or > MaxDjangoIterations || parts[3].Length > 64)
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
        if (expected.Length != DjangoDigestBytes)
        {
            return false;
        }
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(parts[2]),
            iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>
    /// The highest bcrypt cost checked (2^16 rounds; Django's default is 12): each step doubles the time, and
    /// a cost of 31 would hold one of the hashing slots (one per core) for more than a day.
    /// </summary>
    public const int MaxBcryptCost = 16;

    private static bool VerifyBcrypt(string hash, string text)
    {
        // Modular crypt format: $2b$12$ + 53 characters of salt and hash.
        if (hash.Length < 7 || hash[0] != '$' || hash[3] != '$' || hash[6] != '$'
            || !int.TryParse(hash.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var cost) || cost > MaxBcryptCost)
        {
            return false;
        }
        try
        {
            return BCrypt.Net.BCrypt.Verify(text, hash);
        }
        catch (Exception e) when (e is BCrypt.Net.SaltParseException or BCrypt.Net.HashInformationException or ArgumentException or FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// The most memory one Argon2 check may take (256 MiB; Django's default is 100 MiB): a stored hash asking for
    /// more matches nothing, so an imported hash cannot make a login allocate without bound (checks run one per core).
    /// </summary>
    public const int MaxArgon2Kibibytes = 262_144;

    /// <summary>argon2-cffi's encoding, as Django stores it: `argon2id$v=19$m=102400,t=2,p=8$salt$hash` (base64 without padding).</summary>
    private static bool VerifyArgon2(string encoded, string password)
    {
        var parts = encoded.Split('$');
        if (parts.Length != 5 || parts[1] != "v=19")
        {
            return false;
        }
        var parameters = new Dictionary<string, int>();
        foreach (var pair in parts[2].Split(','))
        {
            var (name, value) = pair.Split('=', 2) is [var n, var v] ? (n, v) : ("", "");
            if (!parameters.TryAdd(name, int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : -1))
            {
                return false; // a parameter given twice
            }
        }
        if (!parameters.TryGetValue("m", out var memory) || !parameters.TryGetValue("t", out var time) || !parameters.TryGetValue("p", out var lanes)
            || memory is < 8 or > MaxArgon2Kibibytes || time is < 1 or > 10 || lanes is < 1 or > 64
            || Unpadded(parts[3]) is not { } salt || Unpadded(parts[4]) is not { Length: >= 4 and <= 128 } expected)
        {
            return false;
        }
        var secret = Encoding.UTF8.GetBytes(password);
        using Konscious.Security.Cryptography.Argon2? argon = parts[0] switch
        {
            "argon2id" => new Konscious.Security.Cryptography.Argon2id(secret),
            "argon2i" => new Konscious.Security.Cryptography.Argon2i(secret),
            "argon2d" => new Konscious.Security.Cryptography.Argon2d(secret),
            _ => null,
        };
        if (argon is null)
        {
            return false;
        }
        argon.Salt = salt;
        argon.MemorySize = memory;
        argon.Iterations = time;
        argon.DegreeOfParallelism = lanes;
        return CryptographicOperations.FixedTimeEquals(argon.GetBytes(expected.Length), expected);
    }

    private static byte[]? Unpadded(string base64)
    {
        try
        {
            return Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '='));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
