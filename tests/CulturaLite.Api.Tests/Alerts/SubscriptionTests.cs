using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CulturaLite.Api.Alerts;
using CulturaLite.Api.Notifications;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Tests.Alerts;

public sealed class AlertSqliteFactory : SqliteApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => SubscriptionTests.AppSettings;
}

public sealed class AlertPostgresFactory : PostgresApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => SubscriptionTests.AppSettings;
}

/// <summary>
/// API.md "Alerts", email subscriptions: double opt-in, digests of only what is new, RFC 8058 one-click unsubscribe,
/// the manage link, notices of cancelled or re-dated events a digest included, and the limits.
/// </summary>
public abstract partial class SubscriptionTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(AlertSqliteFactory f) : SubscriptionTests(f), IClassFixture<AlertSqliteFactory>;

    public sealed class Postgres(AlertPostgresFactory f) : SubscriptionTests(f), IClassFixture<AlertPostgresFactory>;

    public static readonly KeyValuePair<string, string?>[] AppSettings =
    [
        new("Outbound:AllowPrivateNetworks", "true"),
        new("Alerts:PollSeconds", "0.2"),
        new("Push:PollSeconds", "0.2"),
        // The outbox leaves the emails in its table for the tests to read.
        new("Email:PollSeconds", "3600"),
    ];

    [GeneratedRegex(@"/s/confirm\?token=([A-Za-z0-9_\-]+)")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex(@"/s/manage\?token=([A-Za-z0-9_\-]+)")]
    private static partial Regex ManageLink();

    private static string Address() => $"{Unique("fan")}@example.com";

    private Task<List<OutboxEmail>> MailToAsync(string address) =>
        WithDb(db => db.OutboxEmails.AsNoTracking().Where(m => m.To == address).OrderBy(m => m.Id).ToListAsync());

    private async Task<HttpResponseMessage> SubscribeAsync(string address, object? filters, string frequency = "weekly") =>
        await Client().PostAsync("/api/subscriptions/", Body(new { email = address, frequency, filters }));

    /// <summary>Subscribes and follows the link in the confirmation email; returns the subscription's unsubscribe token.</summary>
    private async Task<string> ConfirmedAsync(string address, object? filters, string frequency = "weekly")
    {
        Assert.Equal(HttpStatusCode.Accepted, (await SubscribeAsync(address, filters, frequency)).StatusCode);
        var confirmation = (await MailToAsync(address)).Last();
        var token = ConfirmLink().Match(confirmation.Body).Groups[1].Value;
        var confirmed = await Client().PostAsync("/api/subscriptions/confirm/", Body(new { token }));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        return await WithDb(db => db.Set<Subscription>().Where(s => s.Email == address).OrderBy(s => s.Id).Select(s => s.Token).LastAsync());
    }

    private async Task<JsonNode> RunAsync(string frequency = "weekly")
    {
        var (_, admin) = await SessionsAsync();
        var response = await admin.Client.PostAsync("/api/admin/digests/run/", Body(new { frequency }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json(response);
    }

    private static async Task WaitForAsync(Func<Task<bool>> done, int seconds = 15)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < until, "Timed out waiting.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Nothing_but_the_confirmation_is_sent_until_the_link_is_followed()
    {
        var word = Unique("raga");
        var address = Address();

        var first = await SubscribeAsync(address, new { search = word });
        var again = await SubscribeAsync(address, new { search = word });
        await PublishAsync(EventBody($"Evening {word}"));
        await RunAsync();

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        var mail = await MailToAsync(address);
        Assert.Equal(2, mail.Count);
        Assert.All(mail, m => Assert.Contains("/s/confirm?token=", m.Body));
        // Each confirmation link replaces the one before.
        var older = ConfirmLink().Match(mail[0].Body).Groups[1].Value;
        var olderUse = await Client().PostAsync("/api/subscriptions/confirm/", Body(new { token = older }));
        Assert.Equal(HttpStatusCode.BadRequest, olderUse.StatusCode);
        Assert.NotNull((await Json(olderUse))["errors"]!["token"]);
    }

    [Fact]
    public async Task A_digest_holds_what_was_approved_since_the_last_one_and_is_built_once()
    {
        var word = Unique("kathak");
        var address = Address();
        await PublishAsync(EventBody($"Before {word}"));
        await ConfirmedAsync(address, new { search = word });
        var first = await PublishAsync(EventBody($"Recital {word}", extra: VenueExtra()));
        await PublishAsync(EventBody($"Unrelated {Unique("x")}"));

        await RunAsync();
        await RunAsync();
        var second = await PublishAsync(EventBody($"Matinee {word}"));
        await RunAsync();

        var digests = (await MailToAsync(address)).Skip(1).ToList();
        Assert.Equal(2, digests.Count);
        Assert.Contains($"Recital {word}", digests[0].Body);
        Assert.Contains($"/e/{(int)first["id"]!}", digests[0].Body);
        Assert.Contains("Kamani Auditorium", digests[0].Body);
        Assert.Contains("₹300", digests[0].Body);
        Assert.DoesNotContain($"Before {word}", digests[0].Body);
        Assert.DoesNotContain("Unrelated", digests[0].Body);
        Assert.Contains($"Matinee {word}", digests[1].Body);
        Assert.DoesNotContain($"Recital {word}", digests[1].Body);
        Assert.Contains($"/e/{(int)second["id"]!}", digests[1].Body);
        var headers = digests[0].ExtraHeaders();
        Assert.Matches(@"^<https?://[^/]+/s/unsubscribe\?token=[A-Za-z0-9_\-]{43}>$", headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", headers["List-Unsubscribe-Post"]);

        static object VenueExtra() => new { venue_name = "Kamani Auditorium", price_min = 300, price_max = 300 };
    }

    [Fact]
    public async Task An_event_approved_again_after_an_edit_is_not_listed_again()
    {
        var word = Unique("thumri");
        var address = Address();
        await ConfirmedAsync(address, new { search = word });
        var id = (int)(await PublishAsync(EventBody($"Baithak {word}")))["id"]!;
        await RunAsync();
        var (vendor, admin) = await SessionsAsync();

        Assert.Equal(HttpStatusCode.OK, (await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { description = "Now with tabla." }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);
        await RunAsync();

        Assert.Single((await MailToAsync(address)).Skip(1));
    }

    [Fact]
    public async Task A_series_is_listed_once_by_its_first_date()
    {
        var word = Unique("abhang");
        var address = Address();
        await ConfirmedAsync(address, new { search = word });
        var head = (int)(await PublishAsync(EventBody($"Weekly {word}", extra: new { recurrence = new { rule = "FREQ=WEEKLY;COUNT=4" } })))["id"]!;

        await RunAsync();

        var digest = (await MailToAsync(address)).Last();
        Assert.Single(Regex.Matches(digest.Body, $"Weekly {word}"));
        Assert.Contains($"/e/{head}\n", digest.Body.Replace("\r", ""));
    }

    [Fact]
    public async Task Hostile_form_posts_to_the_alert_pages_never_get_a_5xx()
    {
        var bodies = new (string Body, string Type)[]
        {
            ("--nope\r\ngarbage", "multipart/form-data; boundary=other"),
            ("token=%ZZ&email=%00", "application/x-www-form-urlencoded"),
            (new string('a', 5 * 1024 * 1024), "application/x-www-form-urlencoded"),
            ("{\"token\": 1}", "application/json"),
        };
        foreach (var path in new[] { "/s/unsubscribe", "/s/subscribe?city=Pune", "/s/confirm", "/s/manage" })
        {
            foreach (var (body, type) in bodies)
            {
                var response = await Client().PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, type.Split(';')[0]) { Headers = { ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type) } });
                Assert.True((int)response.StatusCode < 500, $"{path} with {type}: {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task Address_counts_and_finished_notices_older_than_a_day_are_forgotten()
    {
        var id = (int)(await PublishAsync(EventBody($"Old {Unique("o")}")))["id"]!;
        // The worker finishes the publication's notice first (finishing it later would stamp it done now).
        await WaitForAsync(() => WithDb(db => db.Set<AlertNotice>().AnyAsync(n => n.EventId == id && n.DoneAt != null)));
        var old = DateTime.UtcNow.AddDays(-2);
        await WithDb(async db =>
        {
            db.Add(SentToAddress.Of("old@example.com", old));
            await db.SaveChangesAsync();
            await db.Set<AlertNotice>().Where(n => n.EventId == id).ExecuteUpdateAsync(u => u.SetProperty(n => n.DoneAt, old));
        });

        await WaitForAsync(async () => !await WithDb(db => db.Set<SentToAddress>().AnyAsync(a => a.SentAt < DateTime.UtcNow.AddDays(-1)))
            && !await WithDb(db => db.Set<AlertNotice>().AnyAsync(n => n.EventId == id)));
    }

    [Fact]
    public async Task A_due_digest_goes_out_by_itself_at_its_time()
    {
        var word = Unique("bhajan");
        var address = Address();
        await ConfirmedAsync(address, new { search = word }, "daily");
        await PublishAsync(EventBody($"Dawn {word}"));

        await WithDb(db => db.Set<Subscription>().Where(s => s.Email == address)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.NextDigestAt, DateTime.UtcNow.AddSeconds(-1))));
        await WaitForAsync(async () => (await MailToAsync(address)).Count == 2);

        var subscription = await WithDb(db => db.Set<Subscription>().AsNoTracking().SingleAsync(s => s.Email == address));
        Assert.Contains($"Dawn {word}", (await MailToAsync(address))[1].Body);
        // The next one is tomorrow (or today) at 07:00 India time.
        var next = TimeZoneInfo.ConvertTimeFromUtc(subscription.NextDigestAt!.Value, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"));
        Assert.Equal(new TimeOnly(7, 0), TimeOnly.FromDateTime(next));
        Assert.InRange(subscription.NextDigestAt.Value, DateTime.UtcNow, DateTime.UtcNow.AddDays(1));
    }

    [Fact]
    public async Task One_click_unsubscribe_ends_it_without_a_page_or_a_cookie()
    {
        var address = Address();
        var token = await ConfirmedAsync(address, new { city = "Pune" });
        var page = await Client().GetAsync($"/s/unsubscribe?token={token}");
        var html = await page.Content.ReadAsStringAsync();

        var oneClick = await Client().PostAsync($"/s/unsubscribe?token={token}",
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        var again = await Client().PostAsync("/api/subscriptions/unsubscribe/", Body(new { token }));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\" action=\"/s/unsubscribe\">", html);
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Equal(0, await WithDb(db => db.Set<Subscription>().CountAsync(s => s.Email == address)));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task The_api_unsubscribes_and_a_guessed_token_does_nothing()
    {
        var address = Address();
        var token = await ConfirmedAsync(address, null);

        var guessed = await Client().PostAsync("/api/subscriptions/unsubscribe/", Body(new { token = token[..^2] + "xx" }));
        var real = await Client().PostAsync("/api/subscriptions/unsubscribe/", Body(new { token }));

        Assert.Equal(HttpStatusCode.BadRequest, guessed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.Equal(0, await WithDb(db => db.Set<Subscription>().CountAsync(s => s.Email == address)));
    }

    [Fact]
    public async Task The_confirmation_page_confirms_once()
    {
        var address = Address();
        Assert.Equal(HttpStatusCode.Accepted, (await SubscribeAsync(address, new { is_free = true })).StatusCode);
        var token = ConfirmLink().Match((await MailToAsync(address)).Single().Body).Groups[1].Value;

        var page = await Client().GetAsync($"/s/confirm?token={token}");
        var twice = await Client().GetAsync($"/s/confirm?token={token}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("/s/manage?token=", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.NotNull(await WithDb(db => db.Set<Subscription>().Where(s => s.Email == address).Select(s => s.ConfirmedAt).SingleAsync()));
    }

    [Fact]
    public async Task The_manage_link_lists_every_alert_of_the_address()
    {
        var address = Address();
        await ConfirmedAsync(address, new { city = "Pune" });
        await ConfirmedAsync(address, new { city = "Mumbai", is_free = true }, "daily");

        var asked = await Client().PostAsync("/api/subscriptions/manage/", Body(new { email = address }));
        var unknown = await Client().PostAsync("/api/subscriptions/manage/", Body(new { email = Address() }));
        var link = ManageLink().Match((await MailToAsync(address)).Last().Body).Groups[1].Value;
        var page = await Client().GetAsync($"/s/manage?token={link}");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Equal(await asked.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("city Pune", html);
        Assert.Contains("city Mumbai, free", html);
        Assert.Equal(2, Regex.Matches(html, "action=\"/s/unsubscribe\"").Count);
    }

    [Fact]
    public async Task A_cancelled_event_that_a_digest_included_sends_one_notice_to_that_subscription_only()
    {
        var word = Unique("qawwali");
        var told = Address();
        var notTold = Address();
        await ConfirmedAsync(told, new { search = word });
        var item = await PublishAsync(EventBody($"Night {word}"));
        var id = (int)item["id"]!;
        await RunAsync();
        await ConfirmedAsync(notTold, new { search = word });
        var (vendor, _) = await SessionsAsync();

        var cancelled = await vendor.Client.PostAsync($"/api/dashboard/events/{id}/cancel/", Body(new { reason = "Rain" }));
        await WaitForAsync(async () => (await MailToAsync(told)).Any(m => m.Subject.StartsWith("Cancelled:")));
        await Task.Delay(500);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var notices = (await MailToAsync(told)).Where(m => m.Subject.StartsWith("Cancelled:")).ToList();
        Assert.Single(notices);
        Assert.Contains($"/e/{id}", notices[0].Body);
        Assert.Contains("List-Unsubscribe", notices[0].Headers!);
        Assert.DoesNotContain(await MailToAsync(notTold), m => m.Subject.StartsWith("Cancelled:"));
    }

    [Fact]
    public async Task A_rescheduled_event_that_a_digest_included_sends_a_notice_with_the_new_date()
    {
        var word = Unique("yakshagana");
        var address = Address();
        await ConfirmedAsync(address, new { search = word });
        var id = (int)(await PublishAsync(EventBody($"Play {word}")))["id"]!;
        await RunAsync();
        var (vendor, _) = await SessionsAsync();

        var moved = await vendor.Client.PostAsync($"/api/dashboard/events/{id}/reschedule/",
            Body(new { event_date = DateTime.UtcNow.AddDays(20).ToString("O") }));
        await WaitForAsync(async () => (await MailToAsync(address)).Any(m => m.Subject.StartsWith("New date:")));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
    }

    [Theory]
    [InlineData("""{"email": "not-an-email", "frequency": "weekly"}""", "email")]
    [InlineData("""{"email": "a@example.com", "frequency": "hourly"}""", "frequency")]
    [InlineData("""{"email": "a@example.com"}""", "frequency")]
    [InlineData("""{"email": "a@example.com", "frequency": "weekly", "filters": {"colour": "red"}}""", "filters")]
    [InlineData("""{"email": "a@example.com", "frequency": "weekly", "filters": {"near": "north"}}""", "filters")]
    [InlineData("""{"email": "a@example.com", "frequency": "weekly", "filters": {"accessibility": ["teleport"]}}""", "filters")]
    [InlineData("""{"email": "a@example.com", "frequency": "weekly", "filters": {"is_free": {"x": 1}}}""", "filters")]
    [InlineData("""{"email": "a@example.com", "frequency": "weekly", "filters": "city=Pune"}""", "filters")]
    [InlineData("""{"email": "a@example.com", "frequency": "weekly", "filters": {"radius_km": 5000, "near": "18.5,73.8"}}""", "filters")]
    public async Task Malformed_subscriptions_are_field_errors_and_send_nothing(string json, string field)
    {
        var before = await WithDb(db => db.OutboxEmails.CountAsync());
        var response = await Client().PostAsync("/api/subscriptions/", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json(response))["errors"]![field]);
        Assert.Equal(before, await WithDb(db => db.OutboxEmails.CountAsync()));
    }

    [Fact]
    public async Task One_address_holds_at_most_ten_and_is_sent_at_most_three_emails_an_hour()
    {
        var address = Address();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            answers.Add((await SubscribeAsync(address, new { search = Unique("w") })).StatusCode);
        }

        Assert.All(answers, s => Assert.Equal(HttpStatusCode.Accepted, s));
        Assert.Equal(3, (await MailToAsync(address)).Count);
        Assert.Equal(3, await WithDb(db => db.Set<Subscription>().CountAsync(s => s.Email == address)));

        // Past the hourly cap (the sends forgotten), the address still holds at most ten.
        await WithDb(db => db.Set<SentToAddress>().ExecuteDeleteAsync());
        for (var round = 0; round < 4; round++)
        {
            for (var i = 0; i < 3; i++)
            {
                await SubscribeAsync(address, new { search = Unique("w") });
            }
            await WithDb(db => db.Set<SentToAddress>().ExecuteDeleteAsync());
        }
        Assert.Equal(10, await WithDb(db => db.Set<Subscription>().CountAsync(s => s.Email == address)));
    }

    [Fact]
    public async Task The_home_page_offers_a_subscribe_form_for_its_filters_that_works_without_javascript()
    {
        var browser = ConsoleSession.Browser(Factory);
        var home = await browser.Client.GetStringAsync("/?city=Pune&is_free=true");
        Assert.Contains("href=\"/s/subscribe?city=Pune&amp;is_free=true\"", home);
        var form = await browser.Client.GetAsync("/s/subscribe?city=Pune&is_free=true");
        var html = await form.Content.ReadAsStringAsync();
        var antiforgery = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var address = Address();

        var sent = await browser.Client.PostAsync("/s/subscribe?city=Pune&is_free=true", new FormUrlEncodedContent(
            [new("email", address), new("frequency", "daily"), new("__RequestVerificationToken", antiforgery)]));

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var subscription = await WithDb(db => db.Set<Subscription>().AsNoTracking().SingleAsync(s => s.Email == address));
        Assert.Equal("city=Pune&is_free=true", subscription.Filters);
        Assert.Equal("daily", subscription.Frequency);
        Assert.Null(subscription.ConfirmedAt);
    }
}
