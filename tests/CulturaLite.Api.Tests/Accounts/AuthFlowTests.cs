using System.Net;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Accounts;

public abstract class AuthFlowTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : AuthFlowTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : AuthFlowTests(f), IClassFixture<PostgresApiFactory>;

    public const string GoodPassword = "Sunset-Raga-42";

    internal async Task<(string Email, HttpResponseMessage Response)> RegisterAsync(HttpClient client, string? email = null)
    {
        email ??= $"{Unique("asha")}@example.com";
        var response = await client.PostAsync("/api/auth/register/", Body(new
        {
            email,
            password = GoodPassword,
            password_confirm = GoodPassword,
            first_name = "Asha",
            last_name = "Rao",
            organization_name = "Rao Arts",
        }));
        return (email, response);
    }

    internal static async Task<HttpResponseMessage> LoginAsync(HttpClient client, object body) =>
        await client.PostAsync("/api/auth/login/", Body(body));

    private static string? RefreshCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.FirstOrDefault(v => v.StartsWith("refresh_token=")) : null;

    [SkippableFact]
    public async Task Register_creates_a_vendor_and_never_returns_the_password()
    {
        var client = Client();

        var (email, response) = await RegisterAsync(client);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json(response);
        Assert.NotNull(body["message"]);
        var user = body["user"]!;
        Assert.Equal(email, (string)user["email"]!);
        Assert.Equal("vendor", (string)user["role"]!);
        Assert.Equal("vendor", (string)user["profile"]!["role"]!);
        Assert.Equal("Rao Arts", (string)user["profile"]!["organization_name"]!);
        Assert.Equal("Asha Rao", (string)user["name"]!);
        Assert.DoesNotContain("password", body.ToJsonString());
    }

    [SkippableFact]
    public async Task Register_ignores_a_requested_role_and_rejects_a_duplicate_email_in_any_case()
    {
        var client = Client();
        var (email, first) = await RegisterAsync(client);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var (_, again) = await RegisterAsync(client, email.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var body = await Json(again);
        Assert.NotNull(body["details"]!["email"]);
        Assert.NotNull(body["errors"]!["email"]);
        Assert.NotNull(body["error"]);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [SkippableTheory]
    [InlineData("short1A", "too short")]
    [InlineData("alllowercase1", "uppercase")]
    [InlineData("ALLUPPERCASE1", "lowercase")]
    [InlineData("NoDigitsHere", "digit")]
    [InlineData("Password1", "too common")]
    public async Task Register_reports_each_password_rule_under_password(string password, string expected)
    {
        var client = Client();

        var response = await client.PostAsync("/api/auth/register/", Body(new
        {
            email = $"{Unique()}@example.com",
            password,
            password_confirm = password,
            first_name = "Ravi",
            last_name = "Iyer",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var messages = (await Json(response))["details"]!["password"]!.AsArray().Select(m => (string)m!).ToList();
        Assert.Contains(messages, m => m.Contains(expected, StringComparison.OrdinalIgnoreCase));
    }

    [SkippableFact]
    public async Task Register_rejects_a_password_similar_to_the_email_and_a_mismatched_confirmation()
    {
        var client = Client();

        var similar = await client.PostAsync("/api/auth/register/", Body(new
        {
            email = "priyanka.sharma@example.com",
            password = "Priyanka.Sharma@example1",
            password_confirm = "Priyanka.Sharma@example1",
            first_name = "P",
            last_name = "S",
        }));
        var mismatch = await client.PostAsync("/api/auth/register/", Body(new
        {
            email = $"{Unique()}@example.com",
            password = GoodPassword,
            password_confirm = GoodPassword + "x",
            first_name = "A",
            last_name = "B",
        }));

        Assert.Contains("similar", (await Json(similar))["details"]!["password"]!.ToJsonString());
        var mismatchBody = await Json(mismatch);
        Assert.NotNull(mismatchBody["details"]!["password_confirm"]);
        Assert.Null(mismatchBody["details"]!["password"]);
    }

    [SkippableFact]
    public async Task Register_with_an_empty_body_lists_every_required_field()
    {
        var client = Client();

        var response = await client.PostAsync("/api/auth/register/", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var details = (await Json(response))["details"]!.AsObject();
        foreach (var field in new[] { "email", "password", "password_confirm", "first_name", "last_name" })
        {
            Assert.True(details.ContainsKey(field), field);
        }
    }

    [SkippableFact]
    public async Task Login_by_email_or_username_returns_tokens_and_sets_the_refresh_cookie()
    {
        var client = Client();
        var (email, _) = await RegisterAsync(client);

        var byEmail = await LoginAsync(client, new { email, password = GoodPassword });
        var byUsername = await LoginAsync(client, new { username = email.ToUpperInvariant(), password = GoodPassword });

        Assert.Equal(HttpStatusCode.OK, byEmail.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byUsername.StatusCode);
        var body = await Json(byEmail);
        Assert.NotNull(body["access"]);
        Assert.NotNull(body["refresh"]);
        Assert.Equal("vendor", (string)body["user"]!["profile"]!["role"]!);
        var cookie = RefreshCookie(byEmail)!;
        Assert.Contains($"refresh_token={(string)body["refresh"]!}", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/api/auth/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=604800", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie.Replace("samesite", ""), StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task Wrong_password_and_unknown_email_get_the_same_401()
    {
        var client = Client();
        var (email, _) = await RegisterAsync(client);

        var wrong = await LoginAsync(client, new { email, password = "Wrong-Password-1" });
        var unknown = await LoginAsync(client, new { email = $"{Unique()}@example.com", password = "Wrong-Password-1" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        var a = await Json(wrong);
        var b = await Json(unknown);
        Assert.Equal("No active account found with the given credentials", (string)a["detail"]!);
        Assert.Equal((string)a["error"]!, (string)b["error"]!);
        Assert.Contains("credentials", (string)a["error"]!);
    }

    [SkippableFact]
    public async Task Login_without_fields_is_400()
    {
        var client = Client();

        var response = await LoginAsync(client, new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var details = (await Json(response))["details"]!;
        Assert.NotNull(details["password"]);
    }

    [SkippableFact]
    public async Task Me_needs_a_token_and_patch_updates_the_profile()
    {
        var client = Client();
        var (email, _) = await RegisterAsync(client);
        var login = await Json(await LoginAsync(client, new { email, password = GoodPassword }));
        var authed = Client((string)login["access"]!);

        var anonymous = await client.GetAsync("/api/auth/me/");
        var me = await Json(await authed.GetAsync("/api/auth/me/"));
        var patched = await authed.PatchAsync("/api/auth/me/", Body(new { first_name = "Asha Devi", organization_name = "New Org", role = "admin", email = "x@y.z" }));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.Equal(email, (string)me["email"]!);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var after = await Json(patched);
        Assert.Equal("Asha Devi Rao", (string)after["name"]!);
        Assert.Equal("New Org", (string)after["profile"]!["organization_name"]!);
        Assert.Equal("vendor", (string)after["role"]!);
        Assert.Equal(email, (string)after["email"]!);
    }

    [SkippableFact]
    public async Task Refresh_rotates_by_body_and_by_cookie_and_reuse_revokes_the_whole_chain()
    {
        var client = Client();
        var (email, _) = await RegisterAsync(client);
        var first = (string)(await Json(await LoginAsync(client, new { email, password = GoodPassword })))["refresh"]!;

        var byBody = await client.PostAsync("/api/auth/refresh/", Body(new { refresh = first }));
        Assert.Equal(HttpStatusCode.OK, byBody.StatusCode);
        var second = (string)(await Json(byBody))["refresh"]!;
        Assert.NotEqual(first, second);
        Assert.NotNull(RefreshCookie(byBody));

        var cookieRequest = new HttpRequestMessage(HttpMethod.Post, "/api/auth/refresh/");
        cookieRequest.Headers.Add("Cookie", $"refresh_token={second}");
        var byCookie = await client.SendAsync(cookieRequest);
        Assert.Equal(HttpStatusCode.OK, byCookie.StatusCode);
        var third = (string)(await Json(byCookie))["refresh"]!;

        var reuse = await client.PostAsync("/api/auth/refresh/", Body(new { refresh = first }));
        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
        var afterTheft = await client.PostAsync("/api/auth/refresh/", Body(new { refresh = third }));
        Assert.Equal(HttpStatusCode.Unauthorized, afterTheft.StatusCode);
    }

    [SkippableFact]
    public async Task Refresh_without_a_token_is_400_and_with_garbage_is_401()
    {
        var client = Client();

        var none = await client.PostAsync("/api/auth/refresh/", Body(new { }));
        var garbage = await client.PostAsync("/api/auth/refresh/", Body(new { refresh = "not.a.token" }));

        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.NotNull((await Json(none))["details"]!["refresh"]);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
    }

    [SkippableFact]
    public async Task Access_and_refresh_tokens_are_never_accepted_for_each_other()
    {
        var client = Client();
        var (email, _) = await RegisterAsync(client);
        var login = await Json(await LoginAsync(client, new { email, password = GoodPassword }));
        var access = (string)login["access"]!;
        var refresh = (string)login["refresh"]!;

        var accessAsRefresh = await client.PostAsync("/api/auth/refresh/", Body(new { refresh = access }));
        var refreshAsAccess = await Client(refresh).GetAsync("/api/auth/me/");

        Assert.Equal(HttpStatusCode.Unauthorized, accessAsRefresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refreshAsAccess.StatusCode);
        Assert.StartsWith("Bearer", refreshAsAccess.Headers.WwwAuthenticate.ToString());
    }

    [SkippableFact]
    public async Task Logout_revokes_the_token_and_clears_the_cookie()
    {
        var client = Client();
        var (email, _) = await RegisterAsync(client);
        var refresh = (string)(await Json(await LoginAsync(client, new { email, password = GoodPassword })))["refresh"]!;

        var logout = await client.PostAsync("/api/auth/logout/", Body(new { refresh }));
        var afterwards = await client.PostAsync("/api/auth/refresh/", Body(new { refresh }));
        var noToken = await client.PostAsync("/api/auth/logout/", Body(new { }));

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.NotNull((await Json(logout))["message"]);
        Assert.Contains("refresh_token=;", RefreshCookie(logout));
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
    }

    [SkippableFact]
    public async Task Verify_accepts_valid_tokens_and_rejects_others()
    {
        var client = Client();
        var (email, _) = await RegisterAsync(client);
        var login = await Json(await LoginAsync(client, new { email, password = GoodPassword }));

        var valid = await client.PostAsync("/api/auth/verify/", Body(new { token = (string)login["access"]! }));
        var invalid = await client.PostAsync("/api/auth/verify/", Body(new { token = (string)login["access"]! + "x" }));
        var missing = await client.PostAsync("/api/auth/verify/", Body(new { }));

        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal("{}", (await Json(valid)).ToJsonString());
        Assert.Equal(HttpStatusCode.Unauthorized, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [SkippableFact]
    public async Task A_django_password_hash_logs_in_and_is_rehashed()
    {
        var client = Client();
        var email = $"{Unique("dj")}@example.com";
        // Made by Django 3.2 itself: make_password("Imported-Pass-1", salt="abcdefghijkl") with PBKDF2PasswordHasher.
        const string djangoHash = "pbkdf2_sha256$260000$abcdefghijkl$sBtxI0k/yfCnLgXocbm/E9TcOzy7WUdQXPWOV4X9h7U=";
        await WithDb(db => Seed.UserAsync(db, email, passwordHash: djangoHash));

        var login = await LoginAsync(client, new { email, password = "Imported-Pass-1" });

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var stored = await WithDb(db => Task.FromResult(db.Users.Single(u => u.Email == email).Password));
        Assert.False(stored.StartsWith("pbkdf2_sha256$"));
        var again = await LoginAsync(client, new { email, password = "Imported-Pass-1" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }
}
