using System.Net;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Tests.Privacy;

/// <summary>API.md "Personal data": the published notice, grievance officer and retention; consent at registration and later.</summary>
public abstract class PrivacyTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : PrivacyTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : PrivacyTests(f), IClassFixture<PostgresApiFactory>;

    private const string Password = "Monsoon-Ragas-77";

    private static object Registration(string email, string? version) => new
    {
        email,
        password = Password,
        password_confirm = Password,
        first_name = "Asha",
        last_name = "Rao",
        privacy_notice_version = version,
    };

    [SkippableFact]
    public async Task The_notice_the_grievance_officer_and_the_retention_periods_are_published()
    {
        var response = await Client().GetAsync("/api/site/privacy/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("1", (string)body["notice_version"]!);
        Assert.True(body.AsObject().ContainsKey("notice_url"));
        Assert.False(string.IsNullOrEmpty((string?)body["grievance_officer"]!["name"]));
        Assert.Contains("@", (string)body["grievance_officer"]!["email"]!);
        Assert.Equal(30, (int)body["retention"]!["unverified_accounts_days"]!);
        Assert.Equal(90, (int)body["retention"]!["session_networks_days"]!);
        Assert.Equal(180, (int)body["retention"]!["report_networks_days"]!);
        Assert.Equal(24, (double)body["retention"]!["erasure_delay_hours"]!);
    }

    [SkippableFact]
    public async Task Consent_given_at_registration_is_recorded_with_its_version_time_and_network()
    {
        var email = $"{Unique("consent")}@example.com";
        var created = await ClientFrom("203.0.113.77").PostAsync("/api/auth/register/", Body(Registration(email, "1")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = (await Json(created))["user"]!;
        Assert.Equal("1", (string)user["privacy_notice_accepted"]!);
        var consent = await WithDb(db => db.Consents.AsNoTracking().SingleAsync(c => c.UserId == (int)user["id"]!));
        Assert.Equal("1", consent.NoticeVersion);
        Assert.Equal("203.0.113.0/24", consent.IpNetwork);
        Assert.True(DateTime.UtcNow - consent.At < TimeSpan.FromMinutes(5));

        var other = $"{Unique("consent")}@example.com";
        var stale = await Client().PostAsync("/api/auth/register/", Body(Registration(other, "0")));
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.NotNull((await Json(stale))["details"]!["privacy_notice_version"]);
        Assert.False(await WithDb(db => db.Users.AnyAsync(u => u.NormalizedEmail == other)));

        var without = await Json(await Client().PostAsync("/api/auth/register/", Body(Registration($"{Unique("consent")}@example.com", null))));
        Assert.Null((string?)without["user"]!["privacy_notice_accepted"]);
    }

    [SkippableFact]
    public async Task Consent_can_be_given_later_to_the_current_notice_only()
    {
        var (_, _, login) = await RegisterAndLoginAsync();
        var client = Client((string)login["access"]!);
        Assert.Null((string?)login["user"]!["privacy_notice_accepted"]);

        var wrong = await client.PostAsync("/api/auth/me/consent/", Body(new { privacy_notice_version = "2" }));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/auth/me/consent/", Body(new { }))).StatusCode);

        var given = await client.PostAsync("/api/auth/me/consent/", Body(new { privacy_notice_version = "1" }));
        Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        Assert.Equal("1", (string)(await Json(given))["privacy_notice_accepted"]!);
        Assert.Equal("1", (string)(await Json(await client.GetAsync("/api/auth/me/")))["privacy_notice_accepted"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client().PostAsync("/api/auth/me/consent/", Body(new { privacy_notice_version = "1" }))).StatusCode);
    }

    [SkippableFact]
    public async Task The_export_holds_everything_about_the_caller_and_nothing_of_anyone_else_once_per_ten_minutes()
    {
        var email = $"{Unique("export")}@example.com";
        Assert.Equal(HttpStatusCode.Created, (await Client().PostAsync("/api/auth/register/", Body(Registration(email, "1")))).StatusCode);
        var login = await Json(await Client().PostAsync("/api/auth/login/", Body(new { email, password = Password })));
        var vendor = Client((string)login["access"]!);
        var (_, admin) = await SessionsAsync();
        var title = Unique("Mine");
        var mine = await Json(await vendor.PostAsync("/api/dashboard/events/", Body(EventBody(title, extra: new { translations = new { hi = new { title = "मेरा", description = "विवरण" } } }))));
        var id = (int)mine["id"]!;
        Assert.Equal(HttpStatusCode.Created, (await admin.Client.PostAsync($"/api/admin/events/{id}/notes/", Body(new { text = "Which hall?", visible_to_vendor = true }))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.Client.PostAsync($"/api/admin/events/{id}/notes/", Body(new { text = "Moderators only.", visible_to_vendor = false }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);
        var theirs = await PublishAsync(EventBody(Unique("Theirs")));
        Assert.True((await vendor.PostAsync($"/api/events/{theirs["id"]}/report/", Body(new { reason = "wrong_info", message = "Wrong hall." }))).IsSuccessStatusCode);

        var response = await vendor.GetAsync("/api/auth/me/export/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var text = await response.Content.ReadAsStringAsync();
        var export = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        Assert.Equal(email, (string)export["account"]!["email"]!);
        Assert.Equal("1", (string)export["consents"]![0]!["notice_version"]!);
        Assert.Contains(export["sessions"]!.AsArray(), s => (bool)s!["current"]!);
        var item = Assert.Single(export["events"]!.AsArray())!;
        Assert.Equal(title, (string)item["title"]!);
        Assert.Equal("मेरा", (string)item["translations"]!["hi"]!["title"]!);
        Assert.NotEmpty(item["revisions"]!.AsArray());
        Assert.Equal(title, (string)item["revisions"]![0]!["fields"]!["title"]!);
        Assert.Equal(["Which hall?"], item["notes"]!.AsArray().Select(n => (string)n!["text"]!));
        Assert.Contains(export["notifications"]!.AsArray(), n => ((string)n!["message"]!).Contains(title, StringComparison.Ordinal));
        Assert.Equal("wrong_info", (string)export["reports_made"]![0]!["reason"]!);
        Assert.Contains(export["emails"]!.AsArray(), m => (string)m!["subject"]! == "Confirm your email address for CulturaLite");
        Assert.Contains(export["audit"]!.AsArray(), a => (string)a!["action"]! == "event.approve" && (int)a["target_id"]! == id);
        Assert.DoesNotContain((string)theirs["title"]!, text);
        Assert.DoesNotContain("Moderators only.", text);
        Assert.DoesNotContain("password", text, StringComparison.OrdinalIgnoreCase);

        var again = await vendor.GetAsync("/api/auth/me/export/");
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.InRange(int.Parse(again.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 600);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client().GetAsync("/api/auth/me/export/")).StatusCode);
    }

    [SkippableFact]
    public async Task An_export_longer_than_a_batch_holds_every_event_once_in_order_with_its_own_revisions()
    {
        var email = $"{Unique("bulk-export")}@example.com";
        Assert.Equal(HttpStatusCode.Created, (await Client().PostAsync("/api/auth/register/", Body(Registration(email, null)))).StatusCode);
        var login = await Json(await Client().PostAsync("/api/auth/login/", Body(new { email, password = Password })));
        var vendor = Client((string)login["access"]!);
        var ids = await WithDb(async db =>
        {
            var me = await db.Users.SingleAsync(u => u.Email == email);
            var made = new List<int>();
            for (var i = 0; i < 230; i++)
            {
                var e = await Seed.EventAsync(db, me, "Pune", DateTime.UtcNow.AddDays(10 + i), status: Api.Events.EventStatus.Pending, title: $"Batch {i}");
                db.EventRevisions.Add(Api.Events.EventRevision.Of(e, DateTime.UtcNow));
                made.Add(e.Id);
            }
            await db.SaveChangesAsync();
            return made;
        });

        var response = await vendor.GetAsync("/api/auth/me/export/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var export = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var events = export["events"]!.AsArray();
        Assert.Equal(ids, events.Select(e => (int)e!["id"]!));
        Assert.All(events, e => Assert.Equal((string)e!["title"]!, (string)e["revisions"]![0]!["fields"]!["title"]!));
        Assert.NotNull(export["audit"]);
    }
}
