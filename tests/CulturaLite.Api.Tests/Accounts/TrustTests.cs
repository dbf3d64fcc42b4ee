using System.Net;
using System.Text;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Commands;
using CulturaLite.Api.Events;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CulturaLite.Api.Tests.Accounts;

/// <summary>The holes an outside review found in accounts and tokens; each test failed before its fix.</summary>
public abstract class TrustTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : TrustTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : TrustTests(f), IClassFixture<PostgresApiFactory>;

    [SkippableFact]
    public async Task Promoting_an_account_with_createsuperuser_revokes_its_old_refresh_tokens()
    {
        var (email, _, login) = await RegisterAndLoginAsync();
        var oldRefresh = (string)login["refresh"]!;
        var oldAccess = (string)login["access"]!;

        var exit = await CreateSuperuserCommand.RunAsync(Factory.Services, new() { ["email"] = email, ["password"] = "Chief-Pass-2026" });

        Assert.Equal(0, exit);
        var refresh = await Client().PostAsync("/api/auth/refresh/", Body(new { refresh = oldRefresh }));
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        // The vendor-role access token issued before the promotion stops working too.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client(oldAccess).GetAsync("/api/auth/me/")).StatusCode);
        var fresh = await Client().PostAsync("/api/auth/login/", Body(new { email, password = "Chief-Pass-2026" }));
        Assert.Equal("admin", (string)(await Json(fresh))["user"]!["role"]!);
    }

    [SkippableFact]
    public async Task Createsuperuser_with_a_password_flag_obeys_the_password_rules()
    {
        _ = Client();
        var email = $"{Unique("weak")}@example.com";

        var error = await Assert.ThrowsAsync<CommandException>(() =>
            CreateSuperuserCommand.RunAsync(Factory.Services, new() { ["email"] = email, ["password"] = "Password123" }));

        Assert.Contains("too common", error.Message);
        Assert.False(await WithDb(db => db.Users.AnyAsync(u => u.NormalizedEmail == email)));
    }

    [SkippableFact]
    public async Task Verify_refuses_rotated_logged_out_and_deactivated_users_tokens()
    {
        var client = Client();
        var (_, _, login) = await RegisterAndLoginAsync();
        var first = (string)login["refresh"]!;
        var access = (string)login["access"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/auth/verify/", Body(new { token = first }))).StatusCode);

        var rotated = await Json(await client.PostAsync("/api/auth/refresh/", Body(new { refresh = first })));
        var second = (string)rotated["refresh"]!;
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/auth/verify/", Body(new { token = first }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/auth/verify/", Body(new { token = second }))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/auth/logout/", Body(new { refresh = second }))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/auth/verify/", Body(new { token = second }))).StatusCode);

        var id = (int)login["user"]!["id"]!;
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/auth/verify/", Body(new { token = access }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/admin/users/{id}/deactivate/", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/auth/verify/", Body(new { token = access }))).StatusCode);
    }

    /// <summary>A token names its role; once the account's role changed, that token no longer verifies (the role claim is checked).</summary>
    [SkippableFact]
    public async Task Verify_refuses_an_access_token_issued_for_the_role_the_account_no_longer_has()
    {
        var client = Client();
        var (_, _, login) = await RegisterAndLoginAsync();
        var access = (string)login["access"]!;
        var id = (int)login["user"]!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/auth/verify/", Body(new { token = access }))).StatusCode);

        using (var scope = Factory.Services.CreateScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<CulturaLite.Api.Accounts.AccountAdministration>().PromoteAsync(id, default)).Succeeded);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/auth/verify/", Body(new { token = access }))).StatusCode);
    }

    [SkippableTheory]
    [InlineData("प्रिया", "शर्मा")]
    [InlineData("அருண்", "குமார்")]
    public async Task Token_payloads_are_ascii_json_that_atob_can_decode(string first, string last)
    {
        var (_, _, login) = await RegisterAndLoginAsync(first: first, last: last);

        foreach (var token in new[] { (string)login["access"]!, (string)login["refresh"]! })
        {
            var payload = token.Split('.')[1];
            // What the frontend does: base64url to base64, atob, JSON.parse. atob needs [A-Za-z0-9+/=] only
            // and yields Latin-1 bytes, so the JSON itself must be ASCII.
            var base64 = payload.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var bytes = Convert.FromBase64String(base64);
            Assert.All(bytes, b => Assert.True(b < 0x80, $"byte {b:x2} is not ASCII"));
            var json = System.Text.Json.Nodes.JsonNode.Parse(Encoding.ASCII.GetString(bytes))!;
            Assert.Equal($"{first} {last}", (string)json["name"]!);
        }
    }

    [SkippableFact]
    public async Task Common_passwords_from_djangos_list_are_refused_case_insensitively()
    {
        var client = Client();
        foreach (var password in new[] { "Password123", "Admin123", "Qwerty123", "ADMIN123" })
        {
            var response = await client.PostAsync("/api/auth/register/", Body(new
            {
                email = $"{Unique("cp")}@example.com",
                password,
                password_confirm = password,
                first_name = "Common",
                last_name = "Choice",
            }));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("This password is too common.", (await Json(response))["details"]!["password"]!.AsArray().Select(m => (string)m!));
        }
    }

    [SkippableFact]
    public async Task Deactivating_a_vendor_hides_their_events_everywhere_public_until_activated()
    {
        var client = Client();
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        var vendor = await Sessions.SignInAsync(Factory);
        var city = Unique("Hidden");
        var e = await WithDb(async db => await Seed.EventAsync(db, (await db.Users.FindAsync(vendor.Id))!, city, DateTime.UtcNow.AddDays(6)));
        async Task<(int Count, HttpStatusCode Detail, bool InCities, bool InNames)> PublicViewAsync()
        {
            var list = await Json(await client.GetAsync($"/api/events/?city={city}"));
            var detail = (await client.GetAsync($"/api/events/{e.Id}/")).StatusCode;
            var cities = (await Json(await client.GetAsync("/api/cities/"))).AsArray().Any(c => (string)c!["name"]! == city);
            var names = (await Json(await client.GetAsync("/api/events/cities/"))).AsArray().Any(c => (string)c! == city);
            return ((int)list["count"]!, detail, cities, names);
        }
        Assert.Equal((1, HttpStatusCode.OK, true, true), await PublicViewAsync());

        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/admin/users/{vendor.Id}/deactivate/", null)).StatusCode);
        Assert.Equal((0, HttpStatusCode.NotFound, false, false), await PublicViewAsync());

        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/admin/users/{vendor.Id}/activate/", null)).StatusCode);
        Assert.Equal((1, HttpStatusCode.OK, true, true), await PublicViewAsync());
    }

    /// <summary>
    /// Every anonymous GET route of the application (read from its route table, so a new public route cannot be
    /// forgotten) stops showing a deactivated vendor's event: no title, no city, no share link, and 404 where the
    /// route names the event.
    /// </summary>
    [SkippableFact]
    public async Task Every_public_route_stops_showing_a_deactivated_vendors_event()
    {
        _ = Client();
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        var vendor = await Sessions.SignInAsync(Factory);
        var city = Unique("Hiddenpur");
        var title = Unique("Vanishing");
        var e = await WithDb(async db => await Seed.EventAsync(db, (await db.Users.FindAsync(vendor.Id))!, city, DateTime.UtcNow.AddDays(6), title: title));
        // The event is the first date of a series, so the series' routes show it too.
        await WithDb(async db =>
        {
            var first = await db.Events.SingleAsync(x => x.Id == e.Id);
            new SeriesSchedule(db, TimeProvider.System).Start(first, new Recurrence("FREQ=DAILY;COUNT=2", []), [first.EventDate, first.EventDate.AddDays(1)]);
            await db.SaveChangesAsync();
        });
        // ... inside an approved festival of the same vendor, so the festival's routes show it too.
        var festivalId = await WithDb(async db =>
        {
            var festival = CulturaLite.Api.Festivals.Festival.Submit(vendor.Id, new CulturaLite.Api.Festivals.FestivalDetails(Unique("Utsav"), "Days.", city,
                DateTime.UtcNow, DateTime.UtcNow.AddDays(20), "https://cdn.example.com/f.jpg", null, null, null, null), DateTime.UtcNow);
            festival.Approve(admin.Id, DateTime.UtcNow);
            db.Festivals.Add(festival);
            await db.SaveChangesAsync();
            foreach (var member in await db.Events.Where(x => x.SeriesId == e.Id).ToListAsync())
            {
                db.Entry(member).Property(x => x.FestivalId).CurrentValue = festival.Id;
            }
            await db.SaveChangesAsync();
            return festival.Id;
        });
        var routes = Factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(r => r.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.Controllers.ControllerActionDescriptor>() is not null
                && r.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null
                && r.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(r => r.RoutePattern.RawText!.TrimStart('/')).Distinct().Order().ToList();
        Assert.Contains("e/{id}", routes);
        var slug = await WithDb(db => db.Users.Where(u => u.Id == vendor.Id).Select(u => u.Slug!).SingleAsync());
        string PathOf(string route) => "/" + route.Replace("{id:int}", (route.StartsWith("api/festivals/") ? festivalId : e.Id).ToString())
            .Replace("{id}", (route.StartsWith("f/") ? festivalId : e.Id).ToString()).Replace("{part:int}", "1")
            .Replace("{ratio}", "4x3").Replace("{slug}", slug)
            + (route.EndsWith(".xml") || route.Contains('.') || route.StartsWith("e/") ? "" : "/") + $"?city={city}&page_size=100";
        // The city as a value (a JSON string in the city lists), not as the echo of the query in a feed's self link.
        bool Names(string body) => body.Contains(title, StringComparison.Ordinal) || body.Contains($"\"{city}\"", StringComparison.Ordinal)
            || body.Contains($"/e/{e.Id}<", StringComparison.Ordinal);

        var before = new Dictionary<string, (HttpStatusCode Status, bool Shows)>();
        foreach (var route in routes)
        {
            var response = await Client().GetAsync(PathOf(route));
            before[route] = (response.StatusCode, Names(await response.Content.ReadAsStringAsync()));
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/admin/users/{vendor.Id}/deactivate/", null)).StatusCode);

        var shownBefore = 0;
        foreach (var route in routes)
        {
            var response = await Client().GetAsync(PathOf(route));
            var body = await response.Content.ReadAsStringAsync();
            Assert.False(Names(body), $"{route} still shows the deactivated vendor's event: {body[..Math.Min(300, body.Length)]}");
            if (route.Contains("{id") || route.Contains("{slug}"))
            {
                Assert.Equal(HttpStatusCode.OK, before[route].Status);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }
            shownBefore += before[route].Shows || route.Contains("{id") || route.Contains("{slug}") ? 1 : 0;
        }
        // The routes that show events showed it while the vendor was active (list, feeds, detail, share page, preview, sitemap, cities).
        Assert.True(shownBefore >= 10, $"only {shownBefore} routes showed the event before");
    }

    [SkippableTheory]
    [InlineData("date_to=9999-12-31")]
    [InlineData("date_from=9999-12-31")]
    [InlineData("date_from=0001-01-01")]
    [InlineData("date_to=0001-01-01")]
    [InlineData("date_from=0001-01-01&date_to=9999-12-31")]
    [InlineData("date_to=9999-12-31T23:59:59Z")]
    [InlineData("date_from=0001-01-01T00:00:00Z")]
    [InlineData("date_to=9999-12-31T23:59:59-05:00")]
    [InlineData("date_from=0001-01-01T00:00:00%2B05:30")]
    [InlineData("date_to=10000-01-01")]
    public async Task Dates_at_the_edges_of_the_calendar_are_200_or_400_on_every_list(string query)
    {
        var client = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        foreach (var (http, path) in new[] { (client, "/api/events/"), (vendor.Client, "/api/dashboard/events/"), (admin.Client, "/api/admin/events/") })
        {
            var response = await http.GetAsync($"{path}?{query}");
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{path}?{query}: {(int)response.StatusCode}");
        }
    }

    [SkippableFact]
    public async Task Refusing_an_imported_django_hash_takes_the_time_of_refusing_an_unknown_email()
    {
        var client = Client();
        var email = $"{Unique("djt")}@example.com";
        // Made by Django 3.2 itself: make_password("Imported-Pass-1", salt="abcdefghijkl").
        const string djangoHash = "pbkdf2_sha256$260000$abcdefghijkl$sBtxI0k/yfCnLgXocbm/E9TcOzy7WUdQXPWOV4X9h7U=";
        await WithDb(db => Seed.UserAsync(db, email, passwordHash: djangoHash));
        var floor = Factory.Services.GetRequiredService<Passwords>().RefusalFloor;
        async Task<TimeSpan> TimeLoginAsync(string who)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var response = await client.PostAsync("/api/auth/login/", Body(new { email = who, password = "Wrong-Pass-1" }));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            return watch.Elapsed;
        }

        var unknown = new List<TimeSpan>();
        var imported = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            unknown.Add(await TimeLoginAsync($"{Unique("nobody")}@example.com"));
            imported.Add(await TimeLoginAsync(email));
        }

        // Both refusals wait out the same floor; the hash work (ours or Django's) finishes inside it.
        Assert.All(unknown.Concat(imported), t => Assert.True(t >= floor - TimeSpan.FromMilliseconds(20), $"{t.TotalMilliseconds} ms < floor {floor.TotalMilliseconds} ms"));
        var difference = Math.Abs(unknown.Order().ElementAt(1).TotalMilliseconds - imported.Order().ElementAt(1).TotalMilliseconds);
        Assert.True(difference < floor.TotalMilliseconds / 2, $"medians differ by {difference} ms");
    }
}
