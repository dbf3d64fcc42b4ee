using System.Net;
using System.Text;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CulturaLite.Api.Tests.Accounts;

public abstract class TokenAttackTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : TokenAttackTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : TokenAttackTests(f), IClassFixture<PostgresApiFactory>;

    private static string B64(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    /// <summary>
    /// A genuine payload signed with the server's own key, but with HS512: only the algorithm
    /// restriction can refuse it. (IdentityModel will not sign HS512 with a key under 512 bits, so the
    /// signature is computed here.)
    /// </summary>
    private static string SignHs512(string payload, string key)
    {
        var header = B64("{\"alg\":\"HS512\",\"typ\":\"JWT\"}");
        var signature = System.Security.Cryptography.HMACSHA512.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes(header + "." + payload));
        return header + "." + payload + "." + Base64UrlEncoder.Encode(signature);
    }

    private static string Sign(Dictionary<string, object> claims, string key, string alg = SecurityAlgorithms.HmacSha256,
        DateTime? expires = null, DateTime? notBefore = null, string issuer = "culturalite", string audience = "culturalite-api")
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now.AddHours(-2),
            NotBefore = notBefore ?? now.AddHours(-2),
            Expires = expires ?? now.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), alg),
        });
    }

    private static Dictionary<string, object> Claims(Session s, string type = "access") => new()
    {
        ["user_id"] = s.Id,
        ["token_type"] = type,
        ["jti"] = Guid.NewGuid().ToString("N"),
        ["role"] = "vendor",
        ["name"] = "x",
    };

    public static TheoryData<string> Attacks =>
    [
        "alg-none", "wrong-key", "tampered-payload", "expired", "not-yet-valid", "wrong-issuer", "wrong-audience",
        "refresh-as-access", "hs512", "garbage", "empty-signature",
    ];

    [SkippableTheory]
    [MemberData(nameof(Attacks))]
    public async Task Forged_or_misused_tokens_are_401_with_a_bearer_challenge(string attack)
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var key = ApiFactory.TestSigningKey;
        var parts = vendor.Access.Split('.');
        var token = attack switch
        {
            "alg-none" => B64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".",
            "wrong-key" => Sign(Claims(vendor), "another-key-that-is-long-enough-0123456789abcdef"),
            "tampered-payload" => parts[0] + "." + B64(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"vendor\"", "\"admin\"")) + "." + parts[2],
            "expired" => Sign(Claims(vendor), key, expires: DateTime.UtcNow.AddMinutes(-5)),
            "not-yet-valid" => Sign(Claims(vendor), key, notBefore: DateTime.UtcNow.AddMinutes(10), expires: DateTime.UtcNow.AddHours(1)),
            "wrong-issuer" => Sign(Claims(vendor), key, issuer: "evil"),
            "wrong-audience" => Sign(Claims(vendor), key, audience: "evil"),
            "refresh-as-access" => Sign(Claims(vendor, "refresh"), key),
            "hs512" => SignHs512(parts[1], key),
            "garbage" => "abc.def.ghi",
            "empty-signature" => parts[0] + "." + parts[1] + ".",
            _ => throw new ArgumentOutOfRangeException(nameof(attack)),
        };

        var me = await Factory.Client(token).GetAsync("/api/auth/me/");
        var admin = await Factory.Client(token).GetAsync("/api/admin/events/");

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.StartsWith("Bearer", me.Headers.WwwAuthenticate.ToString());
        Assert.Equal("application/problem+json", me.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, admin.StatusCode);
    }

    [SkippableFact]
    public async Task A_correctly_signed_access_token_works_so_the_attacks_above_are_meaningful()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);

        var forgedButValid = Sign(Claims(vendor), ApiFactory.TestSigningKey);
        var response = await Factory.Client(forgedButValid).GetAsync("/api/auth/me/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [SkippableFact]
    public async Task An_invalid_token_on_a_public_endpoint_is_ignored()
    {
        var response = await Client("abc.def.ghi").GetAsync("/api/events/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [SkippableFact]
    public void The_signing_key_must_be_at_least_32_bytes_and_is_required_outside_development()
    {
        Exception Start(string key)
        {
            using var app = Factory.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("AllowedHosts", "localhost").UseSetting("Jwt:SigningKey", key));
            return Assert.ThrowsAny<Exception>(() => app.CreateClient());
        }

        Assert.Contains("Jwt:SigningKey must be at least 32 bytes", Start("short").ToString());
        Assert.Contains("Jwt__SigningKey", Start("").ToString());
    }
}
