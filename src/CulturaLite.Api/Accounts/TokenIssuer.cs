using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CulturaLite.Api.Accounts;

public static class TokenTypes
{
    public const string Access = "access";
    public const string Refresh = "refresh";
}

/// <summary>Issues and validates SimpleJWT-compatible tokens with Microsoft.IdentityModel.</summary>
public sealed class TokenIssuer(Microsoft.Extensions.Options.IOptions<JwtOptions> jwtOptions, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    private readonly JwtOptions options = jwtOptions.Value;

    public JwtOptions Options => options;

    /// <summary>The one validation setup, shared by the JwtBearer handler and the refresh/verify endpoints.</summary>
    public static TokenValidationParameters ValidationParameters(JwtOptions options) => new()
    {
        ValidateIssuer = true,
        ValidIssuer = options.Issuer,
        ValidateAudience = true,
        ValidAudience = options.Audience,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        IssuerSigningKey = options.Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = "user_id",
        RoleClaimType = "role",
    };

    /// <param name="user">Whose token.</param>
    /// <param name="session">The login chain it belongs to (claim `sid`), so `sessions/` can mark the caller's own as current.</param>
    public string CreateAccessToken(User user, Guid? session = null) => Create(user, TokenTypes.Access, options.AccessLifetime, out _, session);

    public string CreateRefreshToken(User user, out DateTime expiresAt) => Create(user, TokenTypes.Refresh, options.RefreshLifetime, out expiresAt);

    /// <summary>Validates signature, issuer, audience, lifetime and the token type; null when any fails.</summary>
    public async Task<ClaimsIdentity?> ValidateAsync(string? token, string? expectedType)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 4096)
        {
            return null;
        }
        var parameters = ValidationParameters(options);
        parameters.LifetimeValidator = (notBefore, expires, _, p) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return expires is not null && expires.Value.Add(p.ClockSkew) >= now
                   && (notBefore is null || notBefore.Value.Subtract(p.ClockSkew) <= now);
        };
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            return null;
        }
        var type = result.ClaimsIdentity.FindFirst("token_type")?.Value;
        if (expectedType is not null ? type != expectedType : type is not (TokenTypes.Access or TokenTypes.Refresh))
        {
            return null;
        }
        return result.ClaimsIdentity;
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>
    /// The payload is written as ASCII JSON (non-ASCII as \uXXXX, as PyJWT does): browsers decode it
    /// with `atob`, which cannot take the raw UTF-8 bytes of a name in Devanagari or Tamil script.
    /// </summary>
    private string Create(User user, string type, TimeSpan lifetime, out DateTime expiresAt, Guid? session = null)
    {
        var now = clock.GetUtcNow();
        expiresAt = now.UtcDateTime + lifetime;
        var claims = new Dictionary<string, object>
        {
            ["token_type"] = type,
            ["exp"] = now.Add(lifetime).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["user_id"] = user.Id,
            ["role"] = user.Role,
            ["name"] = user.Name,
            ["iss"] = options.Issuer,
            ["aud"] = options.Audience,
        };
        if (session is { } sid)
        {
            claims["sid"] = sid.ToString("N");
        }
        var payload = JsonSerializer.Serialize(claims, AsciiJson);
        return _handler.CreateToken(payload, new SigningCredentials(options.Key, SecurityAlgorithms.HmacSha256));
    }

    private static readonly JsonSerializerOptions AsciiJson = new() { Encoder = JavaScriptEncoder.Default };
}
