using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CulturaLite.Api.Tests.Accounts;

/// <summary>API.md "Account lifecycle": password reset without enumeration, the owner's password change, and the backend's account pages.</summary>
public abstract partial class PasswordResetTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : PasswordResetTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : PasswordResetTests(f), IClassFixture<PostgresApiFactory>;

    [GeneratedRegex(@"(\S+/(?:reset-password|verify-email)\?token=)([A-Za-z0-9_\-]+)")]
    private static partial Regex LinkPattern();

    private const string NewPassword = "Tabla-Sitar-2027";

    private async Task<List<(string Subject, string Page, string Token)>> EmailsAsync(string email)
    {
        var mails = await WithDb(db => db.OutboxEmails.AsNoTracking().Where(m => m.To == email).OrderBy(m => m.Id).Select(m => new { m.Subject, m.Body }).ToListAsync());
        return mails.Select(m => (m.Subject, LinkPattern().Match(m.Body))).Select(x => (x.Subject, x.Item2.Groups[1].Value, x.Item2.Groups[2].Value)).ToList();
    }

    private async Task<List<string>> ResetTokensAsync(string email) =>
        (await EmailsAsync(email)).Where(m => m.Page.EndsWith("/reset-password?token=", StringComparison.Ordinal)).Select(m => m.Token).ToList();

    private Task<HttpResponseMessage> RequestResetAsync(string email) => Client().PostAsync("/api/auth/password-reset/", Body(new { email }));

    private Task<HttpResponseMessage> ConfirmAsync(string token, string password, string? confirm = null) =>
        Client().PostAsync("/api/auth/password-reset/confirm/", Body(new { token, password, password_confirm = confirm ?? password }));

    private Task<HttpResponseMessage> LoginAsync(string email, string password) => Client().PostAsync("/api/auth/login/", Body(new { email, password }));

    [SkippableFact]
    public async Task A_reset_request_answers_alike_for_known_and_unknown_addresses_and_emails_only_the_known()
    {
        var (email, _, _) = await RegisterAndLoginAsync();
        var unknown = $"{Unique("nobody")}@example.com";

        var watch = Stopwatch.StartNew();
        var known = await RequestResetAsync(email.ToUpperInvariant());
        var knownTime = watch.Elapsed;
        watch.Restart();
        var missing = await RequestResetAsync(unknown);
        var missingTime = watch.Elapsed;

        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, missing.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await missing.Content.ReadAsStringAsync());
        Assert.Equal(AccountPasswords.ResetRequested, (string)(await Json(missing))["message"]!);
        // Both take at least a refused login's floor, so the cost of sending does not show.
        var floor = Factory.Services.GetRequiredService<Passwords>().RefusalFloor;
        Assert.True(knownTime >= floor && missingTime >= floor, $"{knownTime} and {missingTime}, floor {floor}");
        Assert.Single(await ResetTokensAsync(email));
        Assert.Equal(0, await WithDb(db => db.OutboxEmails.CountAsync(m => m.To == unknown)));
        Assert.Equal(HttpStatusCode.BadRequest, (await Client().PostAsync("/api/auth/password-reset/", Body(new { }))).StatusCode);
    }

    [SkippableFact]
    public async Task A_reset_link_sets_a_password_that_obeys_the_rules_once_and_ends_every_session()
    {
        var (email, oldPassword, login) = await RegisterAndLoginAsync();
        var oldRefresh = (string)login["refresh"]!;
        await RequestResetAsync(email);
        var token = Assert.Single(await ResetTokensAsync(email));

        // A verification link's token is not a reset token, nor the other way round.
        var verification = (await EmailsAsync(email)).Single(m => m.Page.EndsWith("/verify-email?token=", StringComparison.Ordinal)).Token;
        var otherPurpose = await ConfirmAsync(verification, NewPassword);
        Assert.Equal(HttpStatusCode.BadRequest, otherPurpose.StatusCode);
        Assert.Equal(AccountTokens.Unusable, (string)(await Json(otherPurpose))["details"]!["token"]![0]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client().PostAsync("/api/auth/verify-email/", Body(new { token }))).StatusCode);

        var weak = await ConfirmAsync(token, "password1");
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.NotNull((await Json(weak))["details"]!["password"]);
        var mismatch = await ConfirmAsync(token, NewPassword, NewPassword + "x");
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.NotNull((await Json(mismatch))["details"]!["password_confirm"]);

        // The refused attempts did not use the link up.
        var done = await ConfirmAsync(token, NewPassword);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.NotNull((string?)(await Json(done))["message"]);

        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(email, oldPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client().PostAsync("/api/auth/refresh/", Body(new { refresh = oldRefresh }))).StatusCode);
        var again = await ConfirmAsync(token, "Another-Raga-2028");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(AccountTokens.Unusable, (string)(await Json(again))["details"]!["token"]![0]!);
        Assert.Contains(await EmailsAsync(email), m => m.Subject == "Your CulturaLite password was changed");
    }

    [SkippableFact]
    public async Task A_newer_reset_voids_the_older_link_and_an_address_gets_at_most_three_an_hour()
    {
        var (email, _, _) = await RegisterAndLoginAsync();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await RequestResetAsync(email)).StatusCode);
        }
        var tokens = await ResetTokensAsync(email);
        Assert.Equal(3, tokens.Count);
        Assert.Equal(HttpStatusCode.BadRequest, (await ConfirmAsync(tokens[0], NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ConfirmAsync(tokens[1], NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(tokens[2], NewPassword)).StatusCode);
    }

    [SkippableFact]
    public async Task A_password_change_needs_the_old_one_keeps_this_session_ends_the_others_and_voids_reset_links()
    {
        var (email, oldPassword, first) = await RegisterAndLoginAsync();
        var other = await Json(await LoginAsync(email, oldPassword));
        await RequestResetAsync(email);
        var resetToken = Assert.Single(await ResetTokensAsync(email));
        var client = Client((string)first["access"]!);

        var wrong = await client.PostAsync("/api/auth/password/change/", Body(new { old_password = "Not-The-One-1", password = NewPassword, password_confirm = NewPassword }));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(AccountPasswords.WrongOldPassword, (string)(await Json(wrong))["details"]!["old_password"]![0]!);

        var changed = await client.PostAsync("/api/auth/password/change/", Body(new { old_password = oldPassword, password = NewPassword, password_confirm = NewPassword }));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var body = await Json(changed);
        Assert.Equal(email, (string)body["user"]!["email"]!);
        Assert.Contains(changed.Headers.GetValues("Set-Cookie"), c => c.StartsWith("refresh_token=", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, (await Client().PostAsync("/api/auth/refresh/", Body(new { refresh = (string)body["refresh"]! }))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client().PostAsync("/api/auth/refresh/", Body(new { refresh = (string)other["refresh"]! }))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client().PostAsync("/api/auth/refresh/", Body(new { refresh = (string)first["refresh"]! }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ConfirmAsync(resetToken, "Another-Raga-2028")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client().PostAsync("/api/auth/password/change/", Body(new { }))).StatusCode);
    }

    [SkippableFact]
    public async Task The_account_pages_verify_an_address_and_reset_a_password_without_javascript()
    {
        var (email, oldPassword, _) = await RegisterAndLoginAsync();
        var verify = (await EmailsAsync(email)).Single(m => m.Page.EndsWith("/verify-email?token=", StringComparison.Ordinal));
        var browser = ConsoleSession.Browser(Factory);

        var page = await browser.Client.GetAsync($"/account/verify-email?token={verify.Token}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("your email address is verified", await page.Content.ReadAsStringAsync());
        Assert.Contains("script-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-store", page.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.Client.GetAsync($"/account/verify-email?token={verify.Token}")).StatusCode);

        await RequestResetAsync(email);
        var token = Assert.Single(await ResetTokensAsync(email));
        var path = $"/account/reset-password?token={token}";
        var form = await browser.Client.GetStringAsync(path);
        Assert.Contains("name=\"__RequestVerificationToken\"", form);
        Assert.Contains("autocomplete=\"new-password\"", form);

        var forged = await browser.Client.PostAsync("/account/reset-password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["password"] = NewPassword,
            ["password_confirm"] = NewPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var weak = await browser.PostFormAsync("/account/reset-password", new() { ["token"] = token, ["password"] = "short", ["password_confirm"] = "short" }, path);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("id=\"password-errors\"", await weak.Content.ReadAsStringAsync());
        var done = await browser.PostFormAsync("/account/reset-password", new() { ["token"] = token, ["password"] = NewPassword, ["password_confirm"] = NewPassword }, path);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("Password changed", await done.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(email, oldPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.Client.GetAsync(path)).StatusCode);
    }
}
