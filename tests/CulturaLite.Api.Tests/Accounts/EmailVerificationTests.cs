using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Tests.Infrastructure;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CulturaLite.Api.Tests.Accounts;

/// <summary>API.md "Account lifecycle": the verification email at registration, `verify-email/` and `resend/`, and what verification changes.</summary>
public abstract partial class EmailVerificationTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : EmailVerificationTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : EmailVerificationTests(f), IClassFixture<PostgresApiFactory>;

    [GeneratedRegex(@"(\S+/verify-email\?token=)([A-Za-z0-9_\-]+)")]
    private static partial Regex LinkPattern();

    private const string Password = "Monsoon-Ragas-77";

    private async Task<(string Email, JsonNode User)> RegisterAsync()
    {
        var email = $"{Unique("verify")}@example.com";
        var response = await Client().PostAsync("/api/auth/register/", Body(new
        {
            email,
            password = Password,
            password_confirm = Password,
            first_name = "Asha",
            last_name = "Rao",
        }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (email, (await Json(response))["user"]!);
    }

    /// <summary>The links emailed to <paramref name="email"/>, oldest first: (the page, the token).</summary>
    private async Task<List<(string Page, string Token)>> LinksAsync(string email)
    {
        var bodies = await WithDb(db => db.OutboxEmails.AsNoTracking().Where(m => m.To == email).OrderBy(m => m.Id).Select(m => m.Body).ToListAsync());
        return bodies.Select(b => LinkPattern().Match(b)).Where(m => m.Success).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
    }

    private async Task<HttpClient> LoginAsync(string email)
    {
        var login = await Json(await Client().PostAsync("/api/auth/login/", Body(new { email, password = Password })));
        return Client((string)login["access"]!);
    }

    private Task<HttpResponseMessage> VerifyAsync(string? token) => Client().PostAsync("/api/auth/verify-email/", Body(new { token }));

    [SkippableFact]
    public async Task Registration_emails_a_link_that_verifies_the_address_once()
    {
        var (email, user) = await RegisterAsync();
        Assert.False((bool)user["email_verified"]!);
        var (page, token) = Assert.Single(await LinksAsync(email));
        Assert.Equal("http://localhost/account/verify-email?token=", page);
        Assert.True(token.Length >= 43, token);
        // Only a hash of the token is stored.
        Assert.False(await WithDb(db => db.AccountTokens.AnyAsync(t => t.Hash == token)));

        var verified = await VerifyAsync(token);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var body = await Json(verified);
        Assert.Equal("Your email address is verified.", (string)body["message"]!);
        Assert.True((bool)body["user"]!["email_verified"]!);
        Assert.Equal(email, (string)body["user"]!["email"]!);
        var me = await Json(await (await LoginAsync(email)).GetAsync("/api/auth/me/"));
        Assert.True((bool)me["email_verified"]!);

        var again = await VerifyAsync(token);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(AccountTokens.Unusable, (string)(await Json(again))["details"]!["token"]![0]!);
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task An_unusable_token_is_a_field_error_on_token(string? token)
    {
        var response = await VerifyAsync(token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json(response))["details"]!["token"]);
        var tooLong = await VerifyAsync(new string('A', 5000));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [SkippableFact]
    public async Task A_resent_link_voids_the_older_one_and_an_address_gets_at_most_three_an_hour()
    {
        var (email, _) = await RegisterAsync();
        var client = await LoginAsync(email);

        var resent = await client.PostAsync("/api/auth/verify-email/resend/", null);
        Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);
        Assert.Equal("A verification email is on its way.", (string)(await Json(resent))["message"]!);
        var links = await LinksAsync(email);
        Assert.Equal(2, links.Count);
        Assert.Equal(HttpStatusCode.BadRequest, (await VerifyAsync(links[0].Token)).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/auth/verify-email/resend/", null)).StatusCode);
        var capped = await client.PostAsync("/api/auth/verify-email/resend/", null);
        Assert.Equal(HttpStatusCode.TooManyRequests, capped.StatusCode);
        Assert.Equal("3600", capped.Headers.RetryAfter!.ToString());
        Assert.Equal(3, (await LinksAsync(email)).Count);

        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync((await LinksAsync(email))[^1].Token)).StatusCode);
        var already = await client.PostAsync("/api/auth/verify-email/resend/", null);
        Assert.Equal(HttpStatusCode.Accepted, already.StatusCode);
        Assert.Equal("Your email address is already verified.", (string)(await Json(already))["message"]!);
        Assert.Equal(3, (await LinksAsync(email)).Count);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client().PostAsync("/api/auth/verify-email/resend/", null)).StatusCode);
    }

    [SkippableFact]
    public async Task Of_two_requests_racing_with_one_link_exactly_one_verifies()
    {
        var (email, _) = await RegisterAsync();
        var token = Assert.Single(await LinksAsync(email)).Token;

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => VerifyAsync(token)));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.BadRequest));
    }

    [SkippableFact]
    public async Task A_trusted_vendor_is_approved_at_once_only_while_verified_and_admins_see_whether_they_are()
    {
        var (email, user) = await RegisterAsync();
        var vendorId = (int)user["id"]!;
        var (_, admin) = await SessionsAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/admin/users/{vendorId}/trust/", null)).StatusCode);
        var vendor = await LoginAsync(email);

        var before = await Json(await vendor.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Unverified")))));
        Assert.Equal("pending", (string)before["status"]!);
        Assert.False((bool)before["vendor_email_verified"]!);
        var item = await Json(await admin.Client.GetAsync($"/api/admin/events/{before["id"]}/"));
        Assert.False((bool)item["vendor_email_verified"]!);

        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(Assert.Single(await LinksAsync(email)).Token)).StatusCode);
        var after = await Json(await vendor.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Verified")))));
        Assert.Equal("approved", (string)after["status"]!);
        Assert.True((bool)after["vendor_email_verified"]!);
        Assert.True((bool)(await Json(await admin.Client.GetAsync($"/api/admin/events/{before["id"]}/")))["vendor_email_verified"]!);
    }

    [SkippableFact]
    public async Task An_email_change_is_confirmed_at_the_new_address_with_a_notice_to_the_old_one()
    {
        var (email, _) = await RegisterAsync();
        var client = await LoginAsync(email);
        var newEmail = $"{Unique("moved")}@example.com";

        var wrong = await client.PostAsync("/api/auth/email/change/", Body(new { password = "Not-The-One-1", new_email = newEmail }));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.NotNull((await Json(wrong))["details"]!["password"]);
        var invalid = await client.PostAsync("/api/auth/email/change/", Body(new { password = Password, new_email = "not an address" }));
        Assert.NotNull((await Json(invalid))["details"]!["new_email"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/auth/email/change/", Body(new { password = Password, new_email = email.ToUpperInvariant() }))).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/auth/email/change/", Body(new { password = Password, new_email = newEmail }))).StatusCode);
        Assert.Contains("being changed", await WithDb(db => db.OutboxEmails.AsNoTracking().Where(m => m.To == email).OrderBy(m => m.Id).Select(m => m.Subject).LastAsync()));
        Assert.Equal(email, (string)(await Json(await client.GetAsync("/api/auth/me/")))["email"]!);
        var link = Assert.Single(await LinksAsync(newEmail));

        var verified = await Json(await VerifyAsync(link.Token));
        Assert.Equal(newEmail, (string)verified["user"]!["email"]!);
        Assert.True((bool)verified["user"]!["email_verified"]!);
        Assert.Equal(HttpStatusCode.OK, (await Client().PostAsync("/api/auth/login/", Body(new { email = newEmail, password = Password }))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client().PostAsync("/api/auth/login/", Body(new { email, password = Password }))).StatusCode);
    }

    [SkippableFact]
    public async Task A_taken_address_gets_the_same_answer_and_a_note_instead_of_a_link_and_a_late_taker_wins()
    {
        var (email, _) = await RegisterAsync();
        var (taken, _) = await RegisterAsync();
        var client = await LoginAsync(email);
        var before = (await LinksAsync(taken)).Count;

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/auth/email/change/", Body(new { password = Password, new_email = taken }))).StatusCode);
        Assert.Equal(before, (await LinksAsync(taken)).Count);
        Assert.Contains("already belongs to an account", await WithDb(db => db.OutboxEmails.AsNoTracking().Where(m => m.To == taken).OrderBy(m => m.Id).Select(m => m.Body).LastAsync()));

        // The new address is free when the link goes out, and taken by someone else before it is opened.
        var free = $"{Unique("late")}@example.com";
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/auth/email/change/", Body(new { password = Password, new_email = free }))).StatusCode);
        var link = Assert.Single(await LinksAsync(free));
        Assert.Equal(HttpStatusCode.Created, (await Client().PostAsync("/api/auth/register/", Body(new
        {
            email = free,
            password = Password,
            password_confirm = Password,
            first_name = "Late",
            last_name = "Taker",
        }))).StatusCode);
        var refused = await VerifyAsync(link.Token);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(EmailVerification.AddressTaken, (string)(await Json(refused))["details"]!["token"]![0]!);
        Assert.Equal(email, (string)(await Json(await client.GetAsync("/api/auth/me/")))["email"]!);
    }
}

/// <summary>A verification link works for its configured hours and no longer; expired links are purged.</summary>
[Collection(SerialCollection.Name)]
public sealed class EmailVerificationExpiryTests(ClockedSqliteFactory factory) : ApiTest(factory), IClassFixture<ClockedSqliteFactory>
{
    private FakeTimeProvider Clock => ((ClockedSqliteFactory)Factory).Clock;

    [SkippableFact]
    public async Task A_link_works_for_72_hours_and_not_after()
    {
        var client = Client();
        var tokens = new List<string>();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var email = $"{Unique("expiry")}@example.com";
            var password = "Monsoon-Ragas-77";
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/auth/register/",
                Body(new { email, password, password_confirm = password, first_name = "A", last_name = "B" }))).StatusCode);
            var body = await WithDb(db => db.OutboxEmails.AsNoTracking().Where(m => m.To == email).Select(m => m.Body).SingleAsync());
            tokens.Add(Regex.Match(body, @"token=([A-Za-z0-9_\-]+)").Groups[1].Value);
        }

        Clock.Advance(TimeSpan.FromHours(72) - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/auth/verify-email/", Body(new { token = tokens[0] }))).StatusCode);
        Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/auth/verify-email/", Body(new { token = tokens[1] }))).StatusCode);

        Clock.Advance(TimeSpan.FromHours(2));
        // The app's own hourly pass may run first, as the clock moves: either way both are gone.
        await Api.Data.RetentionJob.RunAsync(Factory.Services.GetRequiredService<IServiceScopeFactory>(), Clock, new Api.Data.RetentionOptions(), CancellationToken.None);
        var hashes = tokens.Select(AccountToken.HashOf).ToList();
        Assert.False(await WithDb(db => db.AccountTokens.AnyAsync(t => hashes.Contains(t.Hash))));
    }
}

/// <summary>A reset link works for its 60 minutes and not after.</summary>
[Collection(SerialCollection.Name)]
public sealed class ResetLinkExpiryTests(ClockedSqliteFactory factory) : ApiTest(factory), IClassFixture<ClockedSqliteFactory>
{
    private FakeTimeProvider Clock => ((ClockedSqliteFactory)Factory).Clock;

    [SkippableFact]
    public async Task A_reset_link_works_for_60_minutes_and_not_after()
    {
        var client = Client();
        var tokens = new List<string>();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var (email, _, _) = await RegisterAndLoginAsync();
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/auth/password-reset/", Body(new { email }))).StatusCode);
            var body = await WithDb(db => db.OutboxEmails.AsNoTracking().Where(m => m.To == email && m.Subject == "Reset your CulturaLite password").Select(m => m.Body).SingleAsync());
            tokens.Add(Regex.Match(body, @"token=([A-Za-z0-9_\-]+)").Groups[1].Value);
        }
        const string password = "Tabla-Sitar-2027";

        Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/auth/password-reset/confirm/", Body(new { token = tokens[0], password, password_confirm = password }))).StatusCode);
        Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/auth/password-reset/confirm/", Body(new { token = tokens[1], password, password_confirm = password }))).StatusCode);
    }
}

/// <summary>Where an emailed account link points.</summary>
public sealed class AccountLinkTests
{
    [Fact]
    public void Links_go_to_the_frontend_when_it_has_account_pages_else_to_the_backends_own()
    {
        Assert.Equal("https://culturalite.in/account/verify-email?token=abc",
            new SiteOptions { FrontendAccountUrl = "https://culturalite.in/account/" }.AccountLink(null, "verify-email", "abc"));
        Assert.Equal("https://api.culturalite.in/account/reset-password?token=a%2Bb",
            new SiteOptions { PublicBaseUrl = "https://api.culturalite.in" }.AccountLink(null, "reset-password", "a+b"));
    }
}
