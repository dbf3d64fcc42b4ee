using System.Text.Json;
using CulturaLite.Api.Accounts;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CulturaLite.Api.Tests.Accounts;

/// <summary>
/// <see cref="TokenIssuer.ValidateAsync"/> itself, with tokens made here: every check it promises (signature,
/// issuer, audience, expiry and not-before with their 30 s of skew, type, length) refuses exactly what it must.
/// The HTTP tests (TokenAttackTests) prove the same through the endpoints.
/// </summary>
public sealed class TokenIssuerTests
{
    private static readonly DateTimeOffset Start = new(2027, 1, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Start);
    private readonly JwtOptions options = new() { SigningKey = new string('k', 48) };
    private TokenIssuer Issuer => new(Microsoft.Extensions.Options.Options.Create(options), clock);

    private string Make(Action<Dictionary<string, object>>? change = null, SigningCredentials? signing = null)
    {
        var payload = new Dictionary<string, object>
        {
            ["token_type"] = TokenTypes.Access,
            ["exp"] = Start.AddMinutes(60).ToUnixTimeSeconds(),
            ["iat"] = Start.ToUnixTimeSeconds(),
            ["nbf"] = Start.ToUnixTimeSeconds(),
            ["jti"] = "j1",
            ["user_id"] = 7,
            ["role"] = "vendor",
            ["iss"] = options.Issuer,
            ["aud"] = options.Audience,
        };
        change?.Invoke(payload);
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var json = JsonSerializer.Serialize(payload);
        return handler.CreateToken(json, signing ?? new SigningCredentials(options.Key, SecurityAlgorithms.HmacSha256));
    }

    [Fact]
    public async Task A_well_made_token_is_valid_and_a_missing_or_blank_one_is_not()
    {
        Assert.NotNull(await Issuer.ValidateAsync(Make(), TokenTypes.Access));
        Assert.NotNull(await Issuer.ValidateAsync(Make(), null));
        Assert.Null(await Issuer.ValidateAsync(null, null));
        Assert.Null(await Issuer.ValidateAsync("", TokenTypes.Access));
        Assert.Null(await Issuer.ValidateAsync("   ", TokenTypes.Access));
    }

    [Theory]
    [InlineData("iss", "someone-else")]
    [InlineData("aud", "another-api")]
    public async Task A_token_for_another_issuer_or_audience_is_refused(string claim, string value)
    {
        Assert.Null(await Issuer.ValidateAsync(Make(p => p[claim] = value), TokenTypes.Access));
    }

    [Fact]
    public async Task A_token_without_an_expiry_is_refused()
    {
        Assert.Null(await Issuer.ValidateAsync(Make(p => p.Remove("exp")), TokenTypes.Access));
    }

    [Fact]
    public async Task An_unsigned_token_or_one_signed_with_another_key_is_refused()
    {
        var unsigned = new JsonWebTokenHandler().CreateToken(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["token_type"] = TokenTypes.Access,
            ["exp"] = Start.AddMinutes(60).ToUnixTimeSeconds(),
            ["iss"] = options.Issuer,
            ["aud"] = options.Audience,
            ["user_id"] = 7,
        }));
        Assert.Null(await Issuer.ValidateAsync(unsigned, TokenTypes.Access));
        var otherKey = new SymmetricSecurityKey(new byte[48]) { KeyId = "hs256-1" };
        Assert.Null(await Issuer.ValidateAsync(Make(signing: new SigningCredentials(otherKey, SecurityAlgorithms.HmacSha256)), TokenTypes.Access));
    }

    [Fact]
    public async Task Expiry_counts_30_seconds_of_clock_skew_and_not_a_second_more()
    {
        var token = Make();
        clock.SetUtcNow(Start.AddMinutes(60).AddSeconds(30));
        Assert.NotNull(await Issuer.ValidateAsync(token, TokenTypes.Access));
        clock.SetUtcNow(Start.AddMinutes(60).AddSeconds(31));
        Assert.Null(await Issuer.ValidateAsync(token, TokenTypes.Access));
    }

    [Fact]
    public async Task Not_before_counts_30_seconds_of_clock_skew_and_not_a_second_more()
    {
        var token = Make(p => p["nbf"] = Start.AddMinutes(5).ToUnixTimeSeconds());
        clock.SetUtcNow(Start.AddMinutes(5).AddSeconds(-31));
        Assert.Null(await Issuer.ValidateAsync(token, TokenTypes.Access));
        clock.SetUtcNow(Start.AddMinutes(5).AddSeconds(-30));
        Assert.NotNull(await Issuer.ValidateAsync(token, TokenTypes.Access));
        // Without nbf only the expiry counts.
        Assert.NotNull(await Issuer.ValidateAsync(Make(p => p.Remove("nbf")), TokenTypes.Access));
    }

    [Fact]
    public async Task The_type_must_be_the_expected_one_or_else_access_or_refresh()
    {
        var access = Make();
        var refresh = Make(p => p["token_type"] = TokenTypes.Refresh);
        var other = Make(p => p["token_type"] = "id");
        var none = Make(p => p.Remove("token_type"));

        Assert.Null(await Issuer.ValidateAsync(access, TokenTypes.Refresh));
        Assert.Null(await Issuer.ValidateAsync(refresh, TokenTypes.Access));
        Assert.NotNull(await Issuer.ValidateAsync(refresh, TokenTypes.Refresh));
        Assert.NotNull(await Issuer.ValidateAsync(refresh, null));
        Assert.Null(await Issuer.ValidateAsync(other, null));
        Assert.Null(await Issuer.ValidateAsync(none, null));
        Assert.Null(await Issuer.ValidateAsync(none, TokenTypes.Access));
    }

    [Fact]
    public async Task A_token_of_up_to_4096_characters_is_read_and_a_longer_one_is_not()
    {
        // Base64url never makes a length of 1 modulo 4, so a header member of 1 to 3 characters varies it too.
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var signing = new SigningCredentials(options.Key, SecurityAlgorithms.HmacSha256);
        string? exact = null;
        for (var length = 2500; length < 3300 && exact is null; length++)
        {
            foreach (var extra in new[] { "h", "hh", "hhh" })
            {
                var payload = JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["token_type"] = TokenTypes.Access,
                    ["exp"] = Start.AddMinutes(60).ToUnixTimeSeconds(),
                    ["iss"] = options.Issuer,
                    ["aud"] = options.Audience,
                    ["user_id"] = 7,
                    ["name"] = new string('n', length),
                });
                var token = handler.CreateToken(payload, signing, new Dictionary<string, object> { ["x"] = extra });
                if (token.Length == 4096)
                {
                    exact = token;
                    break;
                }
            }
        }
        Assert.NotNull(exact);
        Assert.NotNull(await Issuer.ValidateAsync(exact, TokenTypes.Access));
        var longer = Make(p => p["name"] = new string('n', 3400));
        Assert.True(longer.Length > 4096);
        Assert.Null(await Issuer.ValidateAsync(longer, TokenTypes.Access));
    }

    [Fact]
    public async Task Issued_tokens_carry_every_claim_of_the_contract_and_validate()
    {
        var user = User.RegisterVendor("asha@example.com", "Asha", "Rao", null, Start.UtcDateTime);
        var token = Issuer.CreateRefreshToken(user, out var expiresAt);
        var read = new JsonWebToken(token);

        Assert.Equal(TokenTypes.Refresh, read.GetClaim("token_type").Value);
        Assert.Equal(Start.ToUnixTimeSeconds().ToString(), read.GetClaim("iat").Value);
        Assert.Equal(Start.ToUnixTimeSeconds().ToString(), read.GetClaim("nbf").Value);
        Assert.Equal(Start.Add(options.RefreshLifetime).ToUnixTimeSeconds().ToString(), read.GetClaim("exp").Value);
        Assert.Equal(Start.UtcDateTime + options.RefreshLifetime, expiresAt);
        Assert.Matches("^[0-9a-f]{32}$", read.GetClaim("jti").Value);
        Assert.Equal(user.Id.ToString(), read.GetClaim("user_id").Value);
        Assert.Equal("vendor", read.GetClaim("role").Value);
        Assert.Equal("Asha Rao", read.GetClaim("name").Value);
        Assert.Equal(options.Issuer, read.Issuer);
        Assert.Equal(options.Audience, read.Audiences.Single());
        Assert.NotNull(await Issuer.ValidateAsync(token, TokenTypes.Refresh));
        Assert.NotNull(await Issuer.ValidateAsync(Issuer.CreateAccessToken(user), TokenTypes.Access));
    }
}
