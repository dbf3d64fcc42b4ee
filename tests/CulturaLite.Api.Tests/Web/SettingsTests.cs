using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Web;

/// <summary>Settings are bound once and validated at start-up: a wrong one stops the server with its name.</summary>
public sealed class SettingsTests(SqliteApiFactory factory) : ApiTest(factory), IClassFixture<SqliteApiFactory>
{
    [SkippableTheory]
    [InlineData("Email:From", "not an address")]
    [InlineData("PublicCache:OutputCacheMegabytes", "0")]
    [InlineData("Passwords:Iterations", "0")]
    [InlineData("Media:MaxImageBytes", "10")]
    [InlineData("Auth:UserStatusCacheSeconds", "9999")]
    [InlineData("RateLimiting:SubmissionsPerHour", "-5")]
    [InlineData("RateLimiting:LoginPerMinute", "-1")]
    [InlineData("RateLimiting:RegisterPerMinute", "-1")]
    [InlineData("RateLimiting:RefreshPerMinute", "-1")]
    [InlineData("RateLimiting:LogoutPerMinute", "-1")]
    [InlineData("RateLimiting:ReportsPerMinute", "-1")]
    [InlineData("Moderation:ReportThreshold", "0")]
    [InlineData("ForwardedHeaders:KnownProxies", "not-an-address")]
    [InlineData("ForwardedHeaders:KnownNetworks", "10.0.0.0/99")]
    [InlineData("Site:TimeZone", "Mars/Olympus_Mons")]
    [InlineData("Memory:IdleTrimSeconds", "1")]
    [InlineData("Memory:NativeTrimSeconds", "-1")]
    public void A_wrong_setting_stops_the_server_at_start_up_naming_it(string setting, string value)
    {
        using var bad = Factory.WithWebHostBuilder(b => b.UseSetting(setting, value));
        var error = Assert.ThrowsAny<Exception>(() => bad.CreateClient());
        Assert.Contains(setting, error.ToString());
    }
}
