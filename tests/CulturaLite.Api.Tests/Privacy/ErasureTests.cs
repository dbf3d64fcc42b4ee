using System.Net;
using System.Text.Json.Nodes;
using CulturaLite.Api.Data;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CulturaLite.Api.Tests.Privacy;

/// <summary>API.md "Personal data", erasure: the account closes at once, and after the delay its personal data and events go, leaving a tombstone.</summary>
public abstract class ErasureTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : ErasureTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : ErasureTests(f), IClassFixture<PostgresApiFactory>;

    private async Task<(string Email, string Password, JsonNode Login, int EventId)> VendorWithEventAsync()
    {
        var (email, password, login) = await RegisterAndLoginAsync();
        var vendor = Client((string)login["access"]!);
        Assert.Equal(HttpStatusCode.OK, (await vendor.PostAsync("/api/auth/me/consent/", Body(new { privacy_notice_version = "1" }))).StatusCode);
        var created = await Json(await vendor.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Erase me")))));
        var (_, admin) = await SessionsAsync();
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, (int)created["id"]!, "approve")).StatusCode);
        return (email, password, login, (int)created["id"]!);
    }

    [SkippableFact]
    public async Task Erasure_closes_the_account_at_once_and_after_the_delay_leaves_only_a_tombstone()
    {
        var (email, password, login, eventId) = await VendorWithEventAsync();
        var userId = (int)login["user"]!["id"]!;
        var vendor = Client((string)login["access"]!);
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync($"/api/events/{eventId}/")).StatusCode);

        var wrong = await vendor.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/auth/me/") { Content = Body(new { password = "Not-The-One-1" }) });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.NotNull((await Json(wrong))["details"]!["password"]);
        var asked = await vendor.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/auth/me/") { Content = Body(new { password }) });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Contains("erased by", (string)(await Json(asked))["message"]!);

        // At once: no login, no session, no public event; a confirmation email is on its way.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client().PostAsync("/api/auth/login/", Body(new { email, password }))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client().PostAsync("/api/auth/refresh/", Body(new { refresh = (string)login["refresh"]! }))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await vendor.GetAsync("/api/auth/me/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync($"/api/events/{eventId}/")).StatusCode);
        Assert.True(await WithDb(db => db.OutboxEmails.AnyAsync(m => m.To == email && m.Subject == "Your CulturaLite account will be erased")));
        Assert.True(await WithDb(db => db.Events.AnyAsync(e => e.Id == eventId)));

        // After the delay (moved here to the past), the retention job erases.
        await WithDb(db => db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.ErasureDueAt, DateTime.UtcNow.AddMinutes(-1))));
        await RetentionJob.RunAsync(Factory.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, new RetentionOptions(), CancellationToken.None);

        var tombstone = await WithDb(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == userId));
        Assert.Equal($"erased-{userId}", tombstone.Email);
        Assert.Equal("", tombstone.FirstName + tombstone.LastName + tombstone.Name + tombstone.OrganizationName);
        Assert.Equal("!", tombstone.Password);
        Assert.NotNull(tombstone.ErasedAt);
        Assert.False(await WithDb(db => db.Events.AnyAsync(e => e.VendorId == userId)));
        Assert.False(await WithDb(db => db.EventRevisions.AnyAsync(r => r.EventId == eventId)));
        Assert.False(await WithDb(db => db.Notifications.AnyAsync(n => n.VendorId == userId)));
        Assert.False(await WithDb(db => db.Consents.AnyAsync(c => c.UserId == userId)));
        Assert.False(await WithDb(db => db.LoginSessions.AnyAsync(s => s.UserId == userId)));
        Assert.False(await WithDb(db => db.OutboxEmails.AnyAsync(m => m.To == email && m.Subject != "Your CulturaLite account will be erased")));
        var audit = await WithDb(db => db.AuditEntries.AsNoTracking().Where(a => a.ActorId == userId || (a.TargetType == "user" && a.TargetId == userId)).ToListAsync());
        Assert.Contains(audit, a => a.Action == "user.erased");
        Assert.All(audit, a => Assert.True(a.ActorEmail is null || a.ActorEmail == $"erased-{userId}", a.ActorEmail));
        // The address is free again, and the audit log still refuses every other change, in the database itself.
        Assert.Equal(HttpStatusCode.Created, (await Client().PostAsync("/api/auth/register/", Body(new
        {
            email,
            password,
            password_confirm = password,
            first_name = "Back",
            last_name = "Again",
        }))).StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => WithDb(db => db.AuditEntries.Where(a => a.ActorId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ActorEmail, "someone@example.com"))));
        await Assert.ThrowsAnyAsync<Exception>(() => WithDb(db => db.AuditEntries.Where(a => a.ActorId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Action, "user.nothing").SetProperty(a => a.ActorEmail, $"erased-{userId}"))));
    }

    [SkippableFact]
    public async Task An_admin_erases_for_a_grievance_and_the_last_admin_cannot_erase_themselves()
    {
        var (email, password, login, _) = await VendorWithEventAsync();
        var (_, admin) = await SessionsAsync();
        var userId = (int)login["user"]!["id"]!;

        Assert.Equal(HttpStatusCode.Accepted, (await admin.Client.PostAsync($"/api/admin/users/{userId}/erase/", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client().PostAsync("/api/auth/login/", Body(new { email, password }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.PostAsync("/api/admin/users/99999999/erase/", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client((string)(await Json(await Client().PostAsync("/api/auth/login/", Body(new { email = (await RegisterAndLoginAsync()).Email, password = "Monsoon-Ragas-77" }))))["access"]!)
            .PostAsync($"/api/admin/users/{userId}/erase/", null)).StatusCode);

        // Alone among active admins, this admin cannot erase their own account.
        var others = await WithDb(db => db.Users.Where(u => u.Role == "admin" && u.IsActive && u.Id != admin.Id).Select(u => u.Id).ToListAsync());
        await WithDb(db => db.Users.Where(u => others.Contains(u.Id)).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));
        try
        {
            var self = await admin.Client.PostAsync($"/api/admin/users/{admin.Id}/erase/", null);
            Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
            Assert.Equal(Api.Privacy.AccountErasure.LastAdmin, (string)(await Json(self))["detail"]!);
        }
        finally
        {
            await WithDb(db => db.Users.Where(u => others.Contains(u.Id)).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, true)));
        }
    }
}

/// <summary>With `Privacy:ErasureDelayHours=0` the erasure is done before the answer.</summary>
public sealed class ImmediateErasureFactory : SqliteApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Privacy:ErasureDelayHours", "0")];
}

public sealed class ImmediateErasureTests(ImmediateErasureFactory factory) : ApiTest(factory), IClassFixture<ImmediateErasureFactory>
{
    [SkippableFact]
    public async Task With_no_delay_the_account_is_erased_before_the_answer()
    {
        var (email, password, login) = await RegisterAndLoginAsync();
        var userId = (int)login["user"]!["id"]!;
        var vendor = Client((string)login["access"]!);
        var form = new MultipartFormDataContent
        {
            { new StringContent(Unique("Poster")), "title" },
            { new StringContent("d"), "description" },
            { new StringContent("Pune"), "city" },
            { new StringContent(DateTime.UtcNow.AddDays(5).ToString("O")), "event_date" },
            { new StringContent("music"), "category" },
            { new ByteArrayContent(TestImages.Make(SkiaSharp.SKEncodedImageFormat.Png)), "image", "poster.png" },
        };
        var uploaded = await Json(await vendor.PostAsync("/api/dashboard/events/", form));
        var files = Directory.GetFiles(Factory.MediaRoot, "*", SearchOption.AllDirectories);
        var image = Path.Combine(Factory.MediaRoot, new Uri((string)uploaded["image_url"]!).AbsolutePath["/media/".Length..]);
        Assert.Contains(image, files);

        var answer = await vendor.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/auth/me/") { Content = Body(new { password }) });
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var user = await WithDb(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == userId));
        Assert.Equal($"erased-{userId}", user.Email);
        Assert.NotNull(user.ErasedAt);
        Assert.False(await WithDb(db => db.Users.AnyAsync(u => u.NormalizedEmail == email)));
        // The event's stored image and its variants are deleted with it.
        Assert.False(File.Exists(image));
        Assert.Empty(Directory.GetFiles(Factory.MediaRoot, "*", SearchOption.AllDirectories).Intersect(files));
    }

    [SkippableFact]
    public async Task An_erased_vendors_series_and_festivals_go_with_it_and_other_vendors_events_leave_the_festival()
    {
        var (_, password, login) = await RegisterAndLoginAsync();
        var userId = (int)login["user"]!["id"]!;
        var vendor = Client((string)login["access"]!);
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        var other = await Sessions.SignInAsync(Factory);
        var city = Unique("Mitapur");
        var start = DateTime.UtcNow.AddDays(5);
        var festival = await Json(await vendor.PostAsync("/api/dashboard/festivals/", Body(new
        {
            title = Unique("Utsav"),
            description = "Days.",
            city,
            start_date = start.AddDays(-1).ToString("O"),
            end_date = start.AddDays(20).ToString("O"),
            image_url = "https://cdn.example.com/f.jpg",
        })));
        var festivalId = (int)festival["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/admin/festivals/{festivalId}/approve/", Body(new { version = (int)festival["version"]! }))).StatusCode);
        var form = new MultipartFormDataContent
        {
            { new StringContent(Unique("Weekly")), "title" }, { new StringContent("d"), "description" }, { new StringContent(city), "city" },
            { new StringContent(start.ToString("O")), "event_date" }, { new StringContent("music"), "category" },
            { new StringContent("{\"rule\": \"FREQ=WEEKLY;COUNT=3\"}"), "recurrence" },
            { new ByteArrayContent(TestImages.Make(SkiaSharp.SKEncodedImageFormat.Png)), "image", "poster.png" },
        };
        var series = await Json(await vendor.PostAsync("/api/dashboard/events/", form));
        var seriesId = (int)series["id"]!;
        var image = Path.Combine(Factory.MediaRoot, new Uri((string)series["image_url"]!).AbsolutePath["/media/".Length..]);
        Assert.True(File.Exists(image));
        var theirs = await Json(await other.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Guest"), city, extra: new { event_date = start.AddDays(1).ToString("O"), festival = festivalId }))));

        var export = await Json(await vendor.GetAsync("/api/auth/me/export/"));
        Assert.Equal(festivalId, (int)export["festivals"]![0]!["id"]!);
        Assert.Equal(3, export["events"]!.AsArray().Count);

        Assert.Equal(HttpStatusCode.Accepted, (await vendor.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/auth/me/") { Content = Body(new { password }) })).StatusCode);
        Assert.False(await WithDb(db => db.Events.AnyAsync(e => e.VendorId == userId || e.SeriesId == seriesId)));
        Assert.False(await WithDb(db => db.EventSeries.AnyAsync(s => s.Id == seriesId)));
        Assert.False(await WithDb(db => db.Festivals.AnyAsync(f => f.VendorId == userId)));
        Assert.False(File.Exists(image));
        var left = await Json(await other.Client.GetAsync($"/api/dashboard/events/{(int)theirs["id"]!}/"));
        Assert.Null(left["festival"]);
    }

}
