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
    /// Binds and checks `Jwt:*` at start-up. In Development without a key, one is generated once and kept
    /// in `.keys/jwt-signing.key` (git ignores it), so `dotnet run` needs no set-up.
    /// </summary>
    public static void Add(IServiceCollection services)
    {
        services.AddOptions<JwtOptions>().BindConfiguration("Jwt")
            .PostConfigure<IHostEnvironment>((o, environment) =>
            {
                if (string.IsNullOrWhiteSpace(o.SigningKey) && environment.IsDevelopment())
                {
                    o.SigningKey = DevelopmentKey(environment.ContentRootPath);
                }
            })
            .Validate(o => !string.IsNullOrWhiteSpace(o.SigningKey),
                "Jwt:SigningKey is not set. Set Jwt__SigningKey to a random secret of at least 32 bytes (for example: openssl rand -base64 48).")
            .Validate(o => string.IsNullOrWhiteSpace(o.SigningKey) || Encoding.UTF8.GetByteCount(o.SigningKey) >= MinimumKeyBytes,
                $"Jwt:SigningKey must be at least {MinimumKeyBytes} bytes (256 bits) long.")
            .Validate(o => o.AccessTokenMinutes is >= 1 and <= 24 * 60, "Jwt:AccessTokenMinutes must be between 1 and 1440.")
            .Validate(o => o.RefreshTokenDays is >= 1 and <= 365, "Jwt:RefreshTokenDays must be between 1 and 365.")
            .ValidateOnStart();
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
