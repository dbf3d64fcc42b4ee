using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace CulturaLite.Api.Accounts;

/// <summary>`Jwt:*` settings. The signing key is required outside Development.</summary>
public sealed class JwtOptions
{
    public const int MinimumKeyBytes = 32;

    public string? SigningKey { get; set; }
    public string Issuer { get; set; } = "culturalite";
    public string Audience { get; set; } = "culturalite-api";
    public int AccessTokenMinutes { get; set; } = 60;
    public int RefreshTokenDays { get; set; } = 7;

    public TimeSpan AccessLifetime => TimeSpan.FromMinutes(AccessTokenMinutes);
    public TimeSpan RefreshLifetime => TimeSpan.FromDays(RefreshTokenDays);

    private SymmetricSecurityKey? _key;

    public SymmetricSecurityKey Key => _key ??= new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey!)) { KeyId = "hs256-1" };

    /// <summary>
    /// Reads and checks the settings at start-up. In Development without a key, one is generated
    /// once and kept in `.keys/jwt-signing.key` (git ignores it), so `dotnet run` needs no set-up.
    /// </summary>
    public static JwtOptions Load(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection("Jwt").Get<JwtOptions>() ?? new JwtOptions();
        if (string.IsNullOrWhiteSpace(options.SigningKey) && environment.IsDevelopment())
        {
            options.SigningKey = DevelopmentKey(environment.ContentRootPath);
        }
        if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            throw new InvalidOperationException(
                "Jwt:SigningKey is not set. Set Jwt__SigningKey to a random secret of at least 32 bytes "
                + "(for example: openssl rand -base64 48).");
        }
        if (Encoding.UTF8.GetByteCount(options.SigningKey) < MinimumKeyBytes)
        {
            throw new InvalidOperationException($"Jwt:SigningKey must be at least {MinimumKeyBytes} bytes (256 bits) long.");
        }
        if (options.AccessTokenMinutes is < 1 or > 24 * 60)
        {
            throw new InvalidOperationException("Jwt:AccessTokenMinutes must be between 1 and 1440.");
        }
        if (options.RefreshTokenDays is < 1 or > 365)
        {
            throw new InvalidOperationException("Jwt:RefreshTokenDays must be between 1 and 365.");
        }
        return options;
    }

    private static string DevelopmentKey(string contentRoot)
    {
        var folder = Path.Combine(contentRoot, ".keys");
        var file = Path.Combine(folder, "jwt-signing.key");
        if (File.Exists(file))
        {
            var existing = File.ReadAllText(file).Trim();
            if (Encoding.UTF8.GetByteCount(existing) >= MinimumKeyBytes)
            {
                return existing;
            }
        }
        Directory.CreateDirectory(folder);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        File.WriteAllText(file, key);
        return key;
    }
}
