using CulturaLite.Api.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace CulturaLite.Api.Tests.Infrastructure;

/// <summary>A signed-in user for tests: the account row and a real access token issued by the app.</summary>
public sealed record Session(int Id, string Email, string Access, HttpClient Client);

public static class Sessions
{
    /// <summary>Creates an account directly and signs it in with the app's own token issuer (no login round trip).</summary>
    public static async Task<Session> SignInAsync(ApiFactory factory, bool admin = false)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CulturaLite.Api.Data.AppDbContext>();
        var user = await Seed.UserAsync(db, admin: admin);
        var access = scope.ServiceProvider.GetRequiredService<TokenIssuer>().CreateAccessToken(user);
        return new Session(user.Id, user.Email, access, factory.Client(access));
    }
}
