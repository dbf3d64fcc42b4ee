using System.Net;
using System.Text.RegularExpressions;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Moderation;

/// <summary>What an admin sees in the console: India time as the filters use it, every revision, a favicon.</summary>
public abstract partial class ConsoleDetailsTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : ConsoleDetailsTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : ConsoleDetailsTests(f), IClassFixture<PostgresApiFactory>;

    [SkippableFact]
    public async Task A_vendors_name_with_html_is_shown_escaped_with_whether_their_email_is_verified()
    {
        var (_, _, login) = await RegisterAndLoginAsync(first: "<script>alert(1)</script>", last: "<b>Rao</b>");
        var created = await Json(await Client((string)login["access"]!).PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Escaped")))));
        var console = await ConsoleSession.SignInAsync(Factory);

        var page = await console.Client.GetStringAsync($"/admin/events/{created["id"]}");

        Assert.DoesNotContain("<script>alert(1)</script>", page);
        Assert.DoesNotContain("<b>Rao</b>", page);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page);
        Assert.Contains("email not verified", page);
    }

    [SkippableFact]
    public async Task The_console_event_page_shows_the_facts_and_the_status()
    {
        var (vendor, _) = await SessionsAsync();
        var item = await PublishAsync(EventBody(Unique("Facts"), extra: new
        {
            price_min = 150000,
            price_max = 250000,
            age_min = 5,
            age_max = 12,
            accessibility = new[] { "step_free" },
            attendance_mode = "mixed",
            online_url = "https://stream.example.com/c",
            performance_languages = new[] { "ta" },
            performers = new[] { "T. M. Krishna" },
        }));
        var id = (int)item["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await vendor.Client.PostAsync($"/api/dashboard/events/{id}/postpone/", Body(new { reason = "Rain." }))).StatusCode);
        var console = await ConsoleSession.SignInAsync(Factory);

        var page = WebUtility.HtmlDecode(await console.Client.GetStringAsync($"/admin/events/{id}"));

        Assert.Contains("₹1,50,000 – ₹2,50,000", page);
        Assert.Contains("5 to 12 years", page);
        Assert.Contains("step free", page);
        Assert.Contains("mixed · https://stream.example.com/c", page);
        Assert.Contains("T. M. Krishna", page);
        Assert.Contains("postponed", page);
        Assert.Contains("Rain.", page);
    }

    [SkippableFact]
    public async Task The_console_shows_times_in_the_sites_time_zone()
    {
        var (vendor, _) = await SessionsAsync();
        var at = new DateTime(2027, 1, 20, 13, 0, 0, DateTimeKind.Utc);
        var id = await WithDb(async db => (await Seed.EventAsync(db, (await db.Users.FindAsync(vendor.Id))!, "Pune", at, status: "pending")).Id);
        var console = await ConsoleSession.SignInAsync(Factory);

        var page = WebUtility.HtmlDecode(await console.Client.GetStringAsync($"/admin/events/{id}"));
        var queue = WebUtility.HtmlDecode(await console.Client.GetStringAsync("/admin/?city=Pune&date_from=2027-01-20&date_to=2027-01-20"));

        Assert.Contains("20 Jan 2027, 18:30 IST", page);
        Assert.Contains("20 Jan 2027, 18:30 IST", queue);
        Assert.DoesNotContain("UTC", page);
    }

    [SkippableFact]
    public async Task The_console_history_lists_every_revision_including_edits_made_while_pending()
    {
        var (vendor, _) = await SessionsAsync();
        var id = (int)(await Json(await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Revised"))))))["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { title = Unique("Second") }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { description = "Third text." }))).StatusCode);
        var console = await ConsoleSession.SignInAsync(Factory);

        var page = await console.Client.GetStringAsync($"/admin/events/{id}");
        var history = page[page.IndexOf("id=\"history\"", StringComparison.Ordinal)..page.IndexOf("id=\"notes\"", StringComparison.Ordinal)];

        Assert.Contains("Submitted", history);
        Assert.Equal(2, Edited().Matches(history).Count);
    }

    [SkippableFact]
    public async Task Every_console_page_names_a_favicon_that_is_served()
    {
        var console = await ConsoleSession.SignInAsync(Factory);

        foreach (var path in new[] { "/admin/", "/admin/reports", "/admin/login" })
        {
            var page = await console.Client.GetStringAsync(path);
            var icon = IconLink().Match(page);
            Assert.True(icon.Success, path);
            var served = await console.Client.GetAsync(icon.Groups[1].Value);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.StartsWith("image/", served.Content.Headers.ContentType?.MediaType);
        }
    }

    [GeneratedRegex(@"\bEdited\b")]
    private static partial Regex Edited();

    [GeneratedRegex("<link rel=\"icon\"[^>]*href=\"([^\"]+)\"")]
    private static partial Regex IconLink();
}
