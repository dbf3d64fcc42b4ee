using System.Globalization;
using System.Net;
using CulturaLite.Api.Tests.Infrastructure;
using SkiaSharp;

namespace CulturaLite.Api.Tests.Portal;

/// <summary>
/// The vendor portal over HTTP, as a browser without JavaScript uses it (cookies, forms with antiforgery): every action
/// lands in the same data the dashboard API reads, with the API's rules and messages.
/// </summary>
public abstract class PortalTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : PortalTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : PortalTests(f), IClassFixture<PostgresApiFactory>;

    public const string Password = "Kathak-Rang-2026";

    /// <summary>A vendor registered and signed in through the portal's own form.</summary>
    public static async Task<(ConsoleSession Browser, string Email)> RegisterAsync(ApiFactory factory, string? email = null)
    {
        var browser = ConsoleSession.Browser(factory);
        email ??= $"v{Guid.NewGuid():N}"[..14] + "@example.com";
        var registered = await browser.PostFormAsync("/vendor/register", new()
        {
            ["email"] = email,
            ["first_name"] = "Asha",
            ["last_name"] = "Rao",
            ["organization_name"] = "Rao Arts",
            ["password"] = Password,
            ["password_confirm"] = Password,
            ["privacy_notice_version"] = "1",
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal("/vendor/", registered.Headers.Location?.OriginalString);
        return (browser, email);
    }

    /// <summary>Every field of the event form, as a phone would send it (India time, boxes ticked, one translation).</summary>
    public static Dictionary<string, string> EveryField(string title, DateTime startIndia) => new()
    {
        ["title"] = title,
        ["description"] = "An evening of Kathak with live tabla.",
        ["category"] = "dance",
        ["language"] = "en",
        ["event_date"] = startIndia.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
        ["end_date"] = startIndia.AddHours(3).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
        ["image_url"] = "",
        ["city"] = "Bombay",
        ["venue_name"] = "NCPA Experimental Theatre",
        ["venue_address"] = "NCPA Marg, Nariman Point",
        ["locality"] = "Nariman Point",
        ["pin_code"] = "400021",
        ["latitude"] = "18.9256",
        ["longitude"] = "72.8194",
        ["attendance_mode"] = "mixed",
        ["online_url"] = "https://stream.example.com/kathak",
        ["price_min"] = "500",
        ["price_max"] = "150000",
        ["currency"] = "INR",
        ["ticket_url"] = "https://tickets.example.com/kathak",
        ["age_min"] = "8",
        ["age_max"] = "",
        ["accessibility"] = "wheelchair",
        ["performance_languages"] = "hi, en",
        ["performers"] = "Asha Rao\nMeera Iyer, tabla",
        ["tr_lang_0"] = "hi",
        ["tr_title_0"] = "कथक संध्या",
        ["tr_description_0"] = "लाइव तबले के साथ कथक की एक शाम।",
        ["version"] = "",
    };

    public static byte[] Photo() => TestImages.Make(SKEncodedImageFormat.Jpeg, 1200, 800);

    private static DateTime IndiaIn(int days) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow.AddDays(days), TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")).Date.AddHours(19);

    [SkippableFact]
    public async Task A_vendor_registers_with_consent_and_submits_every_field_which_the_dashboard_api_reads_back()
    {
        var (browser, email) = await RegisterAsync(Factory);
        var start = IndiaIn(20);

        var submitted = await browser.PostMultipartAsync("/vendor/events/new", EveryField("Kathak Sandhya", start), "/vendor/events/new",
            ("image", "phone.jpg", Photo(), "image/jpeg"));

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var id = int.Parse(submitted.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        var page = await browser.Client.GetStringAsync($"/vendor/events/{id}");
        Assert.Contains("Waiting for review", page);
        Assert.Contains("Kathak Sandhya", page);

        var api = Client((string)(await Json(await Client().PostAsync("/api/auth/login/", Body(new { email, password = Password }))))["access"]!);
        var item = await Json(await api.GetAsync($"/api/dashboard/events/{id}/"));
        Assert.Equal("pending", (string)item["status"]!);
        Assert.Equal("Mumbai", (string)item["city"]!);
        Assert.Equal(new DateTimeOffset(start, TimeSpan.FromHours(5.5)).UtcDateTime, DateTime.Parse((string)item["event_date"]!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
        Assert.Equal(150000m, (decimal)item["price"]!["max"]!);
        Assert.Equal(500m, (decimal)item["price"]!["min"]!);
        Assert.Equal(8, (int)item["age_range"]!["min"]!);
        Assert.Null(item["age_range"]!["max"]);
        Assert.Equal(["wheelchair"], item["accessibility"]!.AsArray().Select(a => (string)a!));
        Assert.Equal("mixed", (string)item["attendance_mode"]!);
        Assert.Equal(["hi", "en"], item["performance_languages"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(["Asha Rao", "Meera Iyer, tabla"], item["performers"]!.AsArray().Select(a => (string)a!));
        Assert.Equal("कथक संध्या", (string)item["translations"]!["hi"]!["title"]!);
        Assert.Equal("400021", (string)item["pin_code"]!);
        Assert.NotNull(item["images"]);
        var me = await Json(await api.GetAsync("/api/auth/me/"));
        Assert.Equal("1", (string)me["privacy_notice_accepted"]!);
        Assert.False((bool)me["email_verified"]!);
        Assert.Contains(Directory.GetFiles(Factory.MailPickup), f => File.ReadAllText(f).Contains(email, StringComparison.OrdinalIgnoreCase));
    }

    [SkippableFact]
    public async Task A_vendor_submits_a_festival_and_a_weekly_series_inside_it_through_the_portal()
    {
        var (browser, email) = await RegisterAsync(Factory);
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        var india = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        var first = IndiaIn(10);
        var festival = await browser.PostMultipartAsync("/vendor/festivals", new()
        {
            ["title"] = "Kala Utsav",
            ["description"] = "Three weeks of dance.",
            ["city"] = "Pune",
            ["start_date"] = first.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["end_date"] = first.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["image_url"] = "https://cdn.example.com/utsav.jpg",
            ["website"] = "",
        }, "/vendor/festivals");
        Assert.Equal(HttpStatusCode.Redirect, festival.StatusCode);
        var festivalId = int.Parse(festival.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        Assert.Contains("Waiting for review", await browser.Client.GetStringAsync($"/vendor/festivals/{festivalId}"));
        var version = (int)(await Json(await admin.Client.GetAsync($"/api/admin/festivals/{festivalId}/")))["version"]!;
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/admin/festivals/{festivalId}/approve/", Body(new { version }))).StatusCode);

        // A series of three Saturdays (or the start's weekday) inside the festival, the second date skipped.
        var form = EveryField("Kathak Saptahik", first);
        form["recurrence"] = "WEEKLY";
        form["repeat_count"] = "3";
        form["repeat_rule"] = "";
        form["exdates"] = first.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        form["festival"] = festivalId.ToString(CultureInfo.InvariantCulture);
        form["image_url"] = "https://cdn.example.com/kathak.jpg";
        var submitted = await browser.PostMultipartAsync("/vendor/events/new", form, "/vendor/events/new");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var id = int.Parse(submitted.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        var page = await browser.Client.GetStringAsync($"/vendor/events/{id}");
        Assert.Contains("Dates of the series", page);
        Assert.Contains("FREQ=WEEKLY;COUNT=3", page);

        var api = Client((string)(await Json(await Client().PostAsync("/api/auth/login/", Body(new { email, password = Password }))))["access"]!);
        var item = await Json(await api.GetAsync($"/api/dashboard/events/{id}/"));
        Assert.Equal(festivalId, (int)item["festival"]!["id"]!);
        var dates = item["occurrences"]!.AsArray().Select(o => TimeZoneInfo.ConvertTimeFromUtc(((DateTime)o!["event_date"]!).ToUniversalTime(), india)).ToList();
        Assert.Equal([first, first.AddDays(14)], dates);

        // The last date moves alone, from its own page, without review; its end moves with it.
        var last = (int)item["occurrences"]![1]!["id"]!;
        var before = await Json(await api.GetAsync($"/api/dashboard/events/{last}/"));
        var length = (DateTime?)before["end_date"] is { } end ? end - (DateTime)before["event_date"]! : (TimeSpan?)null;
        Assert.NotNull(length);
        Assert.Contains("Move this date alone", await browser.Client.GetStringAsync($"/vendor/events/{last}"));
        var moved = await browser.PostFormAsync($"/vendor/events/{last}?handler=Move", new()
        {
            ["event_date"] = first.AddDays(15).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["end_date"] = "",
        }, $"/vendor/events/{last}");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var lastItem = await Json(await api.GetAsync($"/api/dashboard/events/{last}/"));
        var movedStart = ((DateTime)lastItem["event_date"]!).ToUniversalTime();
        Assert.Equal(first.AddDays(15), TimeZoneInfo.ConvertTimeFromUtc(movedStart, india));
        Assert.Equal(length, lastItem["end_date"] is { } movedEnd ? ((DateTime)movedEnd).ToUniversalTime() - movedStart : null);
        Assert.Equal((string)item["status"]!, (string)(await Json(await api.GetAsync($"/api/dashboard/events/{id}/")))["status"]!);
        // Past the festival's end it is refused, with the API's message on the page.
        var tooLate = await browser.PostFormAsync($"/vendor/events/{last}?handler=Move", new()
        {
            ["event_date"] = first.AddDays(30).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
        }, $"/vendor/events/{last}");
        Assert.Equal(HttpStatusCode.BadRequest, tooLate.StatusCode);

        // A rule outside the subset comes back with the API's message next to the repeat fields, and nothing is saved.
        var bad = EveryField("Kathak Nightly", first);
        bad["recurrence"] = "";
        bad["repeat_rule"] = "FREQ=YEARLY;COUNT=3";
        bad["image_url"] = "https://cdn.example.com/kathak.jpg";
        var refused = await browser.PostMultipartAsync("/vendor/events/new", bad, "/vendor/events/new");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("FREQ must be DAILY, WEEKLY or MONTHLY.", await refused.Content.ReadAsStringAsync());

        // The festival's own page lists the series once, and its vendor takes it out.
        var festivalPage = await browser.Client.GetStringAsync($"/vendor/festivals/{festivalId}");
        Assert.Contains("Kathak Saptahik", festivalPage);
        var detach = await browser.PostFormAsync($"/vendor/festivals/{festivalId}?handler=Detach&eventId={id}", new(), $"/vendor/festivals/{festivalId}");
        Assert.Equal(HttpStatusCode.Redirect, detach.StatusCode);
        Assert.Null((await Json(await api.GetAsync($"/api/dashboard/events/{id}/")))["festival"]);
    }

    [SkippableFact]
    public async Task Registration_without_consent_or_with_a_weak_password_shows_the_apis_messages_next_to_their_fields()
    {
        var browser = ConsoleSession.Browser(Factory);
        var answer = await browser.PostFormAsync("/vendor/register", new()
        {
            ["email"] = "not-an-email",
            ["first_name"] = "Asha",
            ["last_name"] = "Rao",
            ["password"] = "Password123",
            ["password_confirm"] = "Password124",
        });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var page = await answer.Content.ReadAsStringAsync();
        Assert.Contains("id=\"f-email-error\">Enter a valid email address.", page);
        Assert.Contains("aria-describedby=\"f-password-confirm-error\"", page);
        Assert.Contains("Passwords do not match.", page);
        Assert.Contains("id=\"f-privacy-notice-version-error\">Agree to the privacy notice", page);
        Assert.Contains("aria-invalid=\"true\"", page);
    }

    [SkippableFact]
    public async Task A_bad_submission_keeps_what_was_typed_and_names_each_field_in_error_and_saves_nothing()
    {
        var (browser, _) = await RegisterAsync(Factory);
        var fields = EveryField("", IndiaIn(-2));
        fields["pin_code"] = "012345";
        fields["online_url"] = "javascript:alert(1)";

        var answer = await browser.PostMultipartAsync("/vendor/events/new", fields, "/vendor/events/new");

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var page = await answer.Content.ReadAsStringAsync();
        foreach (var field in new[] { "title", "event-date", "pin-code", "online-url", "image" })
        {
            Assert.Contains($"id=\"f-{field}-error\"", page);
        }
        Assert.Contains("The event date must be in the future.", page);
        Assert.Contains("NCPA Experimental Theatre", page);
        Assert.Equal(0, await WithDb(db => Task.FromResult(db.Events.Count(e => e.Title == "" && e.VenueName == "NCPA Experimental Theatre"))));
    }

    [SkippableFact]
    public async Task The_vendor_reads_a_note_replies_sees_the_approval_and_reschedules_and_the_public_pages_show_the_new_date()
    {
        var (browser, email) = await RegisterAsync(Factory);
        var submitted = await browser.PostMultipartAsync("/vendor/events/new", EveryField(Unique("Sitar"), IndiaIn(15)), "/vendor/events/new",
            ("image", "phone.jpg", Photo(), "image/jpeg"));
        var id = int.Parse(submitted.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        Assert.Equal(HttpStatusCode.Created, (await admin.Client.PostAsync($"/api/admin/events/{id}/notes/", Body(new { text = "Which hall is it in?", visible_to_vendor = true }))).StatusCode);

        var page = await browser.Client.GetStringAsync($"/vendor/events/{id}");
        Assert.Contains("Which hall is it in?", page);
        Assert.Contains("CulturaLite moderation", page);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync($"/vendor/events/{id}?handler=Reply", new() { ["text"] = "The experimental theatre." }, $"/vendor/events/{id}")).StatusCode);
        var notes = await Json(await admin.Client.GetAsync($"/api/admin/events/{id}/notes/"));
        Assert.Contains(notes.AsArray(), n => (string)n!["text"]! == "The experimental theatre." && (string)n["author"]!["role"]! == "vendor");

        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);
        var inbox = await browser.Client.GetStringAsync("/vendor/notifications");
        Assert.Contains("was approved", inbox);
        Assert.Contains("Approved", await browser.Client.GetStringAsync($"/vendor/events/{id}"));

        var newStart = IndiaIn(40);
        var moved = await browser.PostFormAsync($"/vendor/events/{id}?handler=Action&act=reschedule",
            new() { ["event_date"] = newStart.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), ["end_date"] = "" }, $"/vendor/events/{id}");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);

        var item = await Json(await Client().GetAsync($"/api/events/{id}/"));
        Assert.Equal("rescheduled", (string)item["event_status"]!);
        Assert.Equal(new DateTimeOffset(newStart, TimeSpan.FromHours(5.5)).UtcDateTime, DateTime.Parse((string)item["event_date"]!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
        var when = newStart.ToString(newStart.Year == DateTime.UtcNow.Year ? "ddd, d MMM" : "ddd, d MMM yyyy", CultureInfo.GetCultureInfo("en-IN"));
        Assert.Contains(when, await Client().GetStringAsync($"/?city=Mumbai&search={item["title"]}"));
        Assert.Contains("Rescheduled", await Client().GetStringAsync($"/?city=Mumbai&search={item["title"]}"));
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync($"/e/{id}")).StatusCode);
        _ = email;
    }

    [SkippableFact]
    public async Task A_rejected_event_shows_its_reason_and_goes_back_to_review_when_edited_in_the_portal()
    {
        var (browser, _) = await RegisterAsync(Factory);
        var submitted = await browser.PostMultipartAsync("/vendor/events/new", EveryField(Unique("Blurry"), IndiaIn(12)), "/vendor/events/new",
            ("image", "phone.jpg", Photo(), "image/jpeg"));
        var id = int.Parse(submitted.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "reject", "The poster is too blurry to read.")).StatusCode);

        Assert.Contains("The poster is too blurry to read.", await browser.Client.GetStringAsync($"/vendor/events/{id}"));
        Assert.Contains("The poster is too blurry to read.", await browser.Client.GetStringAsync("/vendor/?status=rejected"));
        var form = await browser.Client.GetStringAsync($"/vendor/events/{id}/edit");
        Assert.Contains("value=\"Mumbai\"", form);
        var fields = EveryField("Sharper Poster Night", IndiaIn(12));
        fields["version"] = System.Text.RegularExpressions.Regex.Match(form, "name=\"version\" value=\"(\\d+)\"").Groups[1].Value;
        var edited = await browser.PostMultipartAsync($"/vendor/events/{id}/edit", fields, $"/vendor/events/{id}/edit", ("image", "sharp.jpg", Photo(), "image/jpeg"));

        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var item = await Json(await admin.Client.GetAsync($"/api/admin/events/{id}/"));
        Assert.Equal("pending", (string)item["status"]!);
        Assert.Equal("Sharper Poster Night", (string)item["title"]!);
        var history = await Json(await admin.Client.GetAsync($"/api/admin/events/{id}/history/"));
        Assert.NotNull(history);
    }

    [SkippableFact]
    public async Task Another_vendors_event_is_not_found_in_the_portal_and_nothing_changes()
    {
        var (owner, _) = await RegisterAsync(Factory);
        var submitted = await owner.PostMultipartAsync("/vendor/events/new", EveryField(Unique("Mine"), IndiaIn(12)), "/vendor/events/new",
            ("image", "phone.jpg", Photo(), "image/jpeg"));
        var id = submitted.Headers.Location!.OriginalString.Split('/')[^1];
        var (other, _) = await RegisterAsync(Factory);

        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/vendor/events/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/vendor/events/{id}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync($"/vendor/events/{id}?handler=Delete", [], "/vendor/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync($"/vendor/events/{id}")).StatusCode);
    }

    [SkippableFact]
    public async Task Pages_need_a_portal_session_and_a_form_without_its_antiforgery_token_is_refused()
    {
        var anonymous = ConsoleSession.Browser(Factory);
        var answer = await anonymous.Client.GetAsync("/vendor/events/new");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.StartsWith("/vendor/login", answer.Headers.Location!.PathAndQuery);
        // An API bearer token is not a portal session.
        var (_, _, login) = await RegisterAndLoginAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await Client((string)login["access"]!).GetAsync("/vendor/")).StatusCode);

        var (browser, _) = await RegisterAsync(Factory);
        var forged = await browser.Client.PostAsync("/vendor/profile", new FormUrlEncodedContent(new Dictionary<string, string> { ["first_name"] = "Forged" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [SkippableFact]
    public async Task Logging_in_uses_the_apis_check_and_message_and_a_password_change_elsewhere_ends_the_portal_session()
    {
        var (browser, email) = await RegisterAsync(Factory);
        var wrong = await ConsoleSession.Browser(Factory).PostFormAsync("/vendor/login", new() { ["email"] = email, ["password"] = "Wrong-Pass-1" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("No active account found with the given credentials", await wrong.Content.ReadAsStringAsync());
        var fresh = ConsoleSession.Browser(Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.PostFormAsync("/vendor/login", new() { ["email"] = email.ToUpperInvariant(), ["password"] = Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.Client.GetAsync("/vendor/")).StatusCode);

        var api = Client((string)(await Json(await Client().PostAsync("/api/auth/login/", Body(new { email, password = Password }))))["access"]!);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/auth/password/change/", Body(new { old_password = Password, password = "Tabla-Taal-2027", password_confirm = "Tabla-Taal-2027" }))).StatusCode);

        var ended = await fresh.Client.GetAsync("/vendor/");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/vendor/")).StatusCode);
    }

    [SkippableFact]
    public async Task The_profile_notifications_and_account_pages_act_through_the_apis_rules()
    {
        var (browser, email) = await RegisterAsync(Factory);
        var bad = await browser.PostFormAsync("/vendor/profile", new()
        {
            ["first_name"] = "Asha",
            ["last_name"] = "Rao",
            ["organization_name"] = "Rao Arts Collective",
            ["organization_description"] = "Kathak in Mumbai.",
            ["website"] = "ftp://rao.example.com",
            ["city"] = "Bombay",
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("id=\"f-website-error\"", await bad.Content.ReadAsStringAsync());
        var saved = await browser.PostFormAsync("/vendor/profile", new()
        {
            ["first_name"] = "Asha",
            ["last_name"] = "Rao",
            ["organization_name"] = "Rao Arts Collective",
            ["organization_description"] = "Kathak in Mumbai.",
            ["website"] = "https://rao.example.com",
            ["city"] = "Bombay",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var api = Client((string)(await Json(await Client().PostAsync("/api/auth/login/", Body(new { email, password = Password }))))["access"]!);
        var me = await Json(await api.GetAsync("/api/auth/me/"));
        Assert.Equal("Rao Arts Collective", (string)me["profile"]!["organization_name"]!);
        Assert.Equal("Mumbai", (string)me["profile"]!["city"]!);

        var wrong = await browser.PostFormAsync("/vendor/account?handler=Password", new() { ["old_password"] = "Not-It-123", ["password"] = "Tabla-Taal-2027", ["password_confirm"] = "Tabla-Taal-2027" }, "/vendor/account");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("id=\"password-old-password-error\"", await wrong.Content.ReadAsStringAsync());
        var changed = await browser.PostFormAsync("/vendor/account?handler=Password", new() { ["old_password"] = Password, ["password"] = "Tabla-Taal-2027", ["password_confirm"] = "Tabla-Taal-2027" }, "/vendor/account");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        // This session continues; the API's session of before the change does not.
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/vendor/account")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client().PostAsync("/api/auth/login/", Body(new { email, password = "Tabla-Taal-2027" }))).StatusCode);

        var export = await browser.PostFormAsync("/vendor/account?handler=Export", [], "/vendor/account");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/json", export.Content.Headers.ContentType?.MediaType);
        Assert.Contains(email, await export.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await browser.PostFormAsync("/vendor/account?handler=Export", [], "/vendor/account")).StatusCode);
    }

    [SkippableFact]
    public async Task An_account_without_consent_gives_it_on_the_account_page_and_every_api_session_can_be_signed_out_there()
    {
        var (email, password, login) = await RegisterAndLoginAsync();
        var second = await Json(await Client().PostAsync("/api/auth/login/", Body(new { email, password })));
        var browser = ConsoleSession.Browser(Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/vendor/login", new() { ["email"] = email, ["password"] = password })).StatusCode);
        var page = await browser.Client.GetStringAsync("/vendor/account");
        Assert.Contains("name=\"privacy_notice_version\" value=\"1\"", page);

        var stale = await browser.PostFormAsync("/vendor/account?handler=Consent", new() { ["privacy_notice_version"] = "0" }, "/vendor/account");
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("version 1", await stale.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/vendor/account?handler=Consent", new() { ["privacy_notice_version"] = "1" }, "/vendor/account")).StatusCode);
        var me = await Json(await Client((string)login["access"]!).GetAsync("/api/auth/me/"));
        Assert.Equal("1", (string)me["privacy_notice_accepted"]!);
        Assert.DoesNotContain("handler=Consent", await browser.Client.GetStringAsync("/vendor/account"));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/vendor/account?handler=EndAllSessions", [], "/vendor/account")).StatusCode);
        foreach (var session in new[] { login, second })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Client().PostAsync("/api/auth/refresh/", Body(new { refresh = (string)session["refresh"]! }))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/vendor/account")).StatusCode);
    }

    [SkippableFact]
    public async Task A_status_action_sent_as_json_with_a_valid_antiforgery_header_is_a_400_not_a_500()
    {
        var (browser, _) = await RegisterAsync(Factory);
        var page = await browser.Client.GetStringAsync("/vendor/");
        var token = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/vendor/events/1?handler=Action&act=cancel")
        {
            Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("RequestVerificationToken", token);

        var answer = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
    }
}
