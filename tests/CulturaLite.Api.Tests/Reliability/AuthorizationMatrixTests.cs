using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CulturaLite.Api.Tests.Reliability;

/// <summary>
/// Every API endpoint in the route table x (anonymous, vendor A, vendor B, admin). The expectations
/// are keyed by the route, so an endpoint added without an entry here fails the test.
/// </summary>
public abstract class AuthorizationMatrixTests(ApiFactory factory, ITestOutputHelper output) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f, ITestOutputHelper o) : AuthorizationMatrixTests(f, o), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f, ITestOutputHelper o) : AuthorizationMatrixTests(f, o), IClassFixture<PostgresApiFactory>;

    private const int Any2xx = 299;

    /// <summary>Expected status for anonymous, vendor A (the owner), vendor B, admin. 299 = any 2xx.</summary>
    private static readonly Dictionary<string, int[]> Expected = new()
    {
        ["GET api/health"] = [200, 200, 200, 200],
        ["GET api/health/ready"] = [200, 200, 200, 200],
        ["GET api/events"] = [200, 200, 200, 200],
        ["GET api/events/{id:int}"] = [200, 200, 200, 200],
        ["GET api/events/cities"] = [200, 200, 200, 200],
        ["GET api/events/categories"] = [200, 200, 200, 200],
        ["GET api/categories"] = [200, 200, 200, 200],
        ["GET api/events/feed.ics"] = [200, 200, 200, 200],
        ["GET api/events/feed.rss"] = [200, 200, 200, 200],
        ["GET api/events/{id:int}/ics"] = [200, 200, 200, 200],
        ["GET e/{id}"] = [200, 200, 200, 200],
        ["GET e/{id}/og.jpg"] = [200, 200, 200, 200],
        ["GET e/{id}/image-{ratio}.jpg"] = [200, 200, 200, 200],
        ["GET sitemap.xml"] = [200, 200, 200, 200],
        ["GET sitemap-{part:int}.xml"] = [200, 200, 200, 200],
        ["GET sitemap-organizers.xml"] = [200, 200, 200, 200],
        ["GET api/organizers/{slug}"] = [200, 200, 200, 200],
        ["GET o/{slug}"] = [200, 200, 200, 200],
        ["GET api/cities"] = [200, 200, 200, 200],
        // The matrix's event is a single event, not a series (SeriesTests reads series).
        ["GET api/series/{id:int}"] = [404, 404, 404, 404],
        ["GET api/series/{id:int}/ics"] = [404, 404, 404, 404],
        ["POST api/auth/register"] = [201, 201, 201, 201],
        ["POST api/auth/login"] = [401, 401, 401, 401],
        ["POST api/auth/refresh"] = [400, 400, 400, 400],
        ["POST api/auth/logout"] = [400, 400, 400, 400],
        ["POST api/auth/verify"] = [400, 400, 400, 400],
        ["POST api/auth/verify-email"] = [400, 400, 400, 400],
        ["POST api/auth/verify-email/resend"] = [401, 202, 202, 202],
        ["POST api/auth/password-reset"] = [400, 400, 400, 400],
        ["POST api/auth/password-reset/confirm"] = [400, 400, 400, 400],
        ["POST api/auth/password/change"] = [401, 400, 400, 400],
        ["POST api/auth/email/change"] = [401, 400, 400, 400],
        ["GET api/site/privacy"] = [200, 200, 200, 200],
        ["POST api/auth/me/consent"] = [401, 400, 400, 400],
        ["GET api/auth/me/export"] = [401, 200, 200, 200],
        ["GET api/auth/sessions"] = [401, 200, 200, 200],
        ["DELETE api/auth/sessions/{id}"] = [401, 404, 404, 404],
        ["POST api/auth/sessions/revoke-others"] = [401, 200, 200, 200],
        ["GET account/verify-email"] = [400, 400, 400, 400],
        ["GET account/reset-password"] = [400, 400, 400, 400],
        ["POST account/reset-password"] = [400, 400, 400, 400],
        ["GET api/auth/me"] = [401, 200, 200, 200],
        ["PATCH api/auth/me"] = [401, 200, 200, 200],
        ["GET api/dashboard/events"] = [401, 200, 200, 200],
        ["POST api/dashboard/events"] = [401, 201, 201, 201],
        ["GET api/dashboard/events/{id:int}"] = [401, 200, 404, 404],
        ["PUT api/dashboard/events/{id:int}"] = [401, 200, 404, 404],
        ["PATCH api/dashboard/events/{id:int}"] = [401, 200, 404, 404],
        ["DELETE api/dashboard/events/{id:int}"] = [401, 204, 404, 404],
        ["GET api/notifications"] = [401, 200, 200, 200],
        ["POST api/notifications/{id:int}/read"] = [401, 200, 404, 404],
        ["POST api/notifications/read-all"] = [401, 200, 200, 200],
        ["GET api/admin/events"] = [401, 403, 403, 200],
        ["GET api/admin/events/{id:int}"] = [401, 403, 403, 200],
        ["POST api/admin/events/{id:int}/approve"] = [401, 403, 403, 200],
        ["POST api/admin/events/{id:int}/reject"] = [401, 403, 403, 200],
        ["GET api/admin/categories"] = [401, 403, 403, 200],
        ["POST api/admin/categories"] = [401, 403, 403, 201],
        ["PUT api/admin/categories/{id:int}"] = [401, 403, 403, 200],
        ["DELETE api/admin/categories/{id:int}"] = [401, 403, 403, 204],
        ["GET api/admin/cities"] = [401, 403, 403, 200],
        ["GET api/admin/cities/{id:int}"] = [401, 403, 403, 200],
        ["POST api/admin/cities"] = [401, 403, 403, 201],
        ["PUT api/admin/cities/{id:int}"] = [401, 403, 403, 200],
        ["DELETE api/admin/cities/{id:int}"] = [401, 403, 403, 204],
        ["GET api/admin/users"] = [401, 403, 403, 200],
        ["POST api/admin/users/{id:int}/trust"] = [401, 403, 403, 200],
        ["POST api/admin/users/{id:int}/untrust"] = [401, 403, 403, 200],
        ["POST api/admin/events/bulk"] = [401, 403, 403, 200],
        ["GET api/admin/events/{id:int}/history"] = [401, 403, 403, 200],
        ["GET api/admin/events/{id:int}/notes"] = [401, 403, 403, 200],
        ["POST api/admin/events/{id:int}/notes"] = [401, 403, 403, 201],
        ["GET api/dashboard/events/{id:int}/notes"] = [401, 200, 404, 404],
        ["POST api/dashboard/events/{id:int}/notes"] = [401, 201, 404, 404],
        ["POST api/dashboard/events/{id:int}/cancel"] = [401, 200, 404, 404],
        ["POST api/dashboard/events/{id:int}/postpone"] = [401, 200, 404, 404],
        ["POST api/dashboard/events/{id:int}/reschedule"] = [401, 200, 404, 404],
        ["POST api/dashboard/events/{id:int}/move-online"] = [401, 200, 404, 404],
        ["POST api/events/{id:int}/report"] = [202, 202, 202, 202],
        ["GET api/admin/reports"] = [401, 403, 403, 200],
        ["POST api/admin/events/{id:int}/reports/resolve"] = [401, 403, 403, 409],
        ["GET api/admin/audit"] = [401, 403, 403, 200],
        ["GET api/admin/reason-templates"] = [401, 403, 403, 200],
        ["POST api/admin/reason-templates"] = [401, 403, 403, 201],
        ["PUT api/admin/reason-templates/{id:int}"] = [401, 403, 403, 200],
        ["DELETE api/admin/reason-templates/{id:int}"] = [401, 403, 403, 204],
        ["POST api/admin/users/{id:int}/deactivate"] = [401, 403, 403, 200],
        ["POST api/admin/users/{id:int}/activate"] = [401, 403, 403, 200],
        ["POST api/admin/users/{id:int}/erase"] = [401, 403, 403, 202],
        ["DELETE api/auth/me"] = [401, 400, 400, 400],
        ["GET api/festivals"] = [200, 200, 200, 200],
        ["GET api/festivals/{id:int}"] = [200, 200, 200, 200],
        ["GET f/{id}"] = [200, 200, 200, 200],
        ["GET api/dashboard/festivals"] = [401, 200, 200, 200],
        ["POST api/dashboard/festivals"] = [401, 201, 201, 201],
        ["GET api/dashboard/festivals/{id:int}"] = [401, 200, 404, 404],
        ["PUT api/dashboard/festivals/{id:int}"] = [401, 200, 404, 404],
        ["PATCH api/dashboard/festivals/{id:int}"] = [401, 200, 404, 404],
        ["DELETE api/dashboard/festivals/{id:int}"] = [401, 204, 404, 404],
        // The festival's vendor, or an admin (through the dashboard or the admin path), takes an event out of it.
        ["DELETE api/dashboard/festivals/{id:int}/events/{eventId:int}"] = [401, 204, 404, 204],
        ["GET api/admin/festivals"] = [401, 403, 403, 200],
        ["GET api/admin/festivals/{id:int}"] = [401, 403, 403, 200],
        ["POST api/admin/festivals/{id:int}/approve"] = [401, 403, 403, 200],
        ["POST api/admin/festivals/{id:int}/reject"] = [401, 403, 403, 200],
        ["DELETE api/admin/festivals/{id:int}/events/{eventId:int}"] = [401, 403, 403, 204],
        ["GET api/admin/webhooks"] = [401, 403, 403, 200],
        ["POST api/admin/webhooks"] = [401, 403, 403, 201],
        ["GET api/admin/webhooks/{id:int}"] = [401, 403, 403, 200],
        ["PUT api/admin/webhooks/{id:int}"] = [401, 403, 403, 200],
        ["DELETE api/admin/webhooks/{id:int}"] = [401, 403, 403, 204],
        ["GET api/admin/webhooks/{id:int}/deliveries"] = [401, 403, 403, 200],
        ["POST api/admin/digests/run"] = [401, 403, 403, 200],
        // Alerts need no account: the matrix's bodies are empty, so each is a field error for everyone alike.
        ["POST api/subscriptions"] = [400, 400, 400, 400],
        ["POST api/subscriptions/confirm"] = [400, 400, 400, 400],
        ["POST api/subscriptions/unsubscribe"] = [400, 400, 400, 400],
        ["POST api/subscriptions/manage"] = [400, 400, 400, 400],
        ["GET api/push/key"] = [200, 200, 200, 200],
        ["POST api/push/subscriptions"] = [400, 400, 400, 400],
        ["DELETE api/push/subscriptions"] = [400, 400, 400, 400],
    };

    [SkippableFact]
    public async Task Every_endpoint_answers_each_caller_as_expected()
    {
        _ = Client();
        var routes = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ControllerActionDescriptor>() is not null)
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods
                .Where(m => m != "HEAD").Select(m => $"{m} {e.RoutePattern.RawText!.TrimStart('/')}"))
            .Distinct().Order().ToList();

        var missing = routes.Where(r => !Expected.ContainsKey(r)).ToList();
        Assert.True(missing.Count == 0, "Endpoints without an authorization expectation: " + string.Join(", ", missing));
        Assert.Empty(Expected.Keys.Except(routes));

        var a = await Sessions.SignInAsync(Factory);
        var b = await Sessions.SignInAsync(Factory);
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        // Each vendor owns private data of every kind an endpoint may return (an event, a notification, a note
        // from the moderators), each carrying its owner's marker, so that any 2xx body that shows another
        // account's data fails below, whichever list it leaks through.
        foreach (var (owner, marker) in new[] { (a, "A-private-"), (b, "B-private-") })
        {
            await WithDb(async db =>
            {
                var vendor = (await db.Users.FindAsync(owner.Id))!;
                var e = await Seed.EventAsync(db, vendor, "Pune", DateTime.UtcNow.AddDays(3), status: "pending", title: marker + Guid.NewGuid().ToString("N")[..8]);
                db.Notifications.Add(CulturaLite.Api.Notifications.Notification.For(e, $"{marker}notice about your event", DateTime.UtcNow));
                db.EventNotes.Add(CulturaLite.Api.Events.EventNote.FromAdmin(e.Id, admin.Id, admin.Email, $"{marker}note to the vendor", true, DateTime.UtcNow));
                await db.SaveChangesAsync();
            });
        }
        var checks = 0;
        foreach (var route in routes)
        {
            var callers = new (string Name, string? Token)[] { ("anonymous", null), ("vendor A", a.Access), ("vendor B", b.Access), ("admin", admin.Access) };
            for (var i = 0; i < callers.Length; i++)
            {
                var request = await BuildAsync(route, a, b);
                var response = await Factory.Client(callers[i].Token).SendAsync(request);
                var expected = Expected[route][i];
                var actual = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(expected == Any2xx ? actual is >= 200 and < 300 : actual == expected,
                    $"{route} as {callers[i].Name}: expected {expected}, got {actual}: {body}");
                // A 200 with someone else's data would pass a status check: the content must not carry it.
                var foreign = i switch
                {
                    0 => new[] { a.Email, b.Email, "A-private-", "B-private-" },
                    1 => [b.Email, "B-private-"],
                    2 => [a.Email, "A-private-"],
                    _ => [],
                };
                foreach (var secret in foreign)
                {
                    Assert.False(body.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{route} as {callers[i].Name} leaked {secret}: {body}");
                }
                checks++;
            }
        }
        output.WriteLine($"authorization matrix on {Database}: {routes.Count} endpoints x 4 callers = {checks} checks");
        Console.WriteLine($"authorization matrix on {Database}: {routes.Count} endpoints x 4 callers = {checks} checks");
    }

    /// <summary>A fresh request with fresh objects for each call, so one caller's success never changes the next one's answer.</summary>
    private async Task<HttpRequestMessage> BuildAsync(string route, Session owner, Session other)
    {
        var (method, pattern) = (route.Split(' ')[0], route.Split(' ')[1]);
        var ids = await WithDb(async db =>
        {
            var vendor = (await db.Users.FindAsync(owner.Id))!;
            // The newest notification of each vendor is a private one, so a list that leaks another account's
            // notifications shows its marker on the first page.
            foreach (var (who, marker) in new[] { (owner, "A-private-"), (other, "B-private-") })
            {
                var theirs = await db.Events.Where(x => x.VendorId == who.Id && x.Title.StartsWith(marker)).OrderBy(x => x.Id).FirstAsync();
                db.Notifications.Add(CulturaLite.Api.Notifications.Notification.For(theirs, $"{marker}notice {Guid.NewGuid():N}", DateTime.UtcNow));
            }
            await db.SaveChangesAsync();
            var isPublic = route.StartsWith("GET api/events/") || route.StartsWith("GET e/") || route.StartsWith("GET o/") || route.StartsWith("GET api/organizers/")
                || route.EndsWith("/report");
            // A status action is taken on an approved event of its vendor's.
            var approved = isPublic || new[] { "/cancel", "/postpone", "/reschedule", "/move-online" }.Any(route.EndsWith);
            var e = await Seed.EventAsync(db, vendor, "Pune", DateTime.UtcNow.AddDays(3), status: approved ? "approved" : "pending",
                title: (approved ? "A-public-" : "A-private-") + Guid.NewGuid().ToString("N")[..8]);
            var note = await db.Notifications.Where(n => n.VendorId == owner.Id).OrderByDescending(n => n.Id).Select(n => n.Id).FirstAsync();
            var category = CulturaLite.Api.Events.Category.Create("Matrix " + Guid.NewGuid().ToString("N")[..8]);
            db.Categories.Add(category);
            var city = CulturaLite.Api.Events.KnownCity.Create("Matrixpur " + Guid.NewGuid().ToString("N")[..8], []);
            db.Cities.Add(city);
            var template = CulturaLite.Api.Moderation.ReasonTemplate.Create("Matrix", "Not suitable");
            db.ReasonTemplates.Add(template);
            var target = await Seed.UserAsync(db);
            // The owner's festival: pending for an approval, approved (with the event inside) for everything else.
            var festival = CulturaLite.Api.Festivals.Festival.Submit(owner.Id, new CulturaLite.Api.Festivals.FestivalDetails("Matrix festival", "Days.", "Pune",
                DateTime.UtcNow.AddDays(1), DateTime.UtcNow.AddDays(10), "https://cdn.example.com/f.jpg", null, null, null, null), DateTime.UtcNow);
            db.Festivals.Add(festival);
            await db.SaveChangesAsync();
            if (!route.EndsWith("/approve") || !pattern.StartsWith("api/admin/festivals"))
            {
                festival.Approve(target.Id, DateTime.UtcNow);
                db.Entry(e).Property(x => x.FestivalId).CurrentValue = festival.Id;
            }
            // An inactive webhook: the matrix's approvals must not send anything anywhere.
            var webhook = CulturaLite.Api.Alerts.Webhook.Create(new CulturaLite.Api.Alerts.WebhookDetails("https://93.184.215.14/hook", ["event.published"], "", false),
                "http://localhost", DateTime.UtcNow);
            db.Add(webhook);
            await db.SaveChangesAsync();
            return (Event: e.Id, e.Version, Notification: note, Category: category.Id, User: target.Id, City: city.Id, Template: template.Id, vendor.Slug,
                Festival: festival.Id, FestivalVersion: festival.Version, Webhook: webhook.Id);
        });
        var id = pattern switch
        {
            _ when pattern.StartsWith("api/notifications/") => ids.Notification,
            _ when pattern.StartsWith("api/admin/categories/") => ids.Category,
            _ when pattern.StartsWith("api/admin/users/") => ids.User,
            _ when pattern.StartsWith("api/admin/cities/") => ids.City,
            _ when pattern.StartsWith("api/admin/reason-templates/") => ids.Template,
            _ when pattern.StartsWith("api/admin/webhooks/") => ids.Webhook,
            _ when pattern.Contains("festivals/") || pattern.StartsWith("f/") => ids.Festival,
            _ => ids.Event,
        };
        var path = "/" + pattern.Replace("{eventId:int}", ids.Event.ToString()).Replace("{id:int}", id.ToString()).Replace("{id}", id.ToString()).Replace("{part:int}", "1").Replace("{slug}", ids.Slug).Replace("{ratio}", "4x3")
            + (pattern.EndsWith(".xml") ? "" : "/");
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            object body = pattern switch
            {
                "api/auth/register" => new { email = $"{Guid.NewGuid():N}@example.com", password = "Matrix-Pass-91", password_confirm = "Matrix-Pass-91", first_name = "M", last_name = "X" },
                "api/auth/login" => new { email = "nobody@example.com", password = "Wrong-Pass-1" },
                "api/auth/me" => new { first_name = "Changed" },
                "api/admin/categories" or "api/admin/categories/{id:int}" => new { name = "Cat " + Guid.NewGuid().ToString("N")[..10] },
                "api/admin/reason-templates" or "api/admin/reason-templates/{id:int}" => new { title = "Matrix", text = "Not suitable" },
                "api/admin/digests/run" => new { frequency = "weekly" },
                "api/admin/webhooks" or "api/admin/webhooks/{id:int}" => new { url = "https://93.184.215.14/hook", events = new[] { "event.published" }, is_active = false },
                _ when pattern.EndsWith("/notes") => new { text = "A note", visible_to_vendor = true },
                _ when pattern.EndsWith("/report") => new { reason = "spam" },
                _ when pattern.EndsWith("/reports/resolve") => new { action = "keep" },
                "api/admin/events/bulk" => new { action = "approve", events = new[] { new { id = ids.Event, version = ids.Version } } },
                "api/admin/cities" or "api/admin/cities/{id:int}" => new { name = "Town " + Guid.NewGuid().ToString("N")[..10], aliases = new[] { "Alias " + Guid.NewGuid().ToString("N")[..10] } },
                _ when pattern.StartsWith("api/admin/festivals") && pattern.EndsWith("/reject") => new { version = ids.FestivalVersion, reason = "Not suitable" },
                _ when pattern.StartsWith("api/admin/festivals") => new { version = ids.FestivalVersion },
                _ when pattern.StartsWith("api/dashboard/festivals") => new
                {
                    title = "Matrix festival",
                    description = "d",
                    city = "Pune",
                    start_date = DateTime.UtcNow.AddDays(2).ToString("O"),
                    end_date = DateTime.UtcNow.AddDays(5).ToString("O"),
                    image_url = "https://cdn.example.com/f.jpg",
                },
                _ when pattern.EndsWith("/reject") => new { version = ids.Version, reason = "Not suitable" },
                _ when pattern.EndsWith("/approve") => new { version = ids.Version },
                _ when pattern.EndsWith("/move-online") => new { online_url = "https://stream.example.com/matrix" },
                _ when pattern.StartsWith("api/dashboard/events") => new
                {
                    title = "Matrix",
                    description = "d",
                    city = "Pune",
                    event_date = DateTime.UtcNow.AddDays(9).ToString("O"),
                    category = "music",
                    image_url = "https://cdn.example.com/m.jpg",
                },
                _ => new { },
            };
            request.Content = Body(body);
        }
        return request;
    }
}
