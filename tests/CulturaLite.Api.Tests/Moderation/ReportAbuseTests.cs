using System.Net;
using CulturaLite.Api.Events;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Moderation;

/// <summary>
/// One person cannot hide an event through reports: reporters are networks (IPv4 /24, IPv6 /64), logged
/// in or not, forwarded addresses from an unnamed proxy are ignored, and reporters an admin overruled
/// by "keep" do not count again until the vendor changes the event. Moderators see every reported event.
/// </summary>
public abstract class ReportAbuseTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : ReportAbuseTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : ReportAbuseTests(f), IClassFixture<PostgresApiFactory>;

    private async Task<HttpStatusCode> ReportAsync(int id, string peer, string? forwardedFor = null, string? access = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/events/{id}/report/") { Content = Body(new { reason = "spam" }) };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        return (await ClientFrom(peer, access).SendAsync(request)).StatusCode;
    }

    private async Task<bool> IsPublicAsync(int id) => (await Client().GetAsync($"/api/events/{id}/")).StatusCode == HttpStatusCode.OK;

    private async Task<int> PublishedAsync() => (int)(await PublishAsync(EventBody(Unique("Reported"))))["id"]!;

    [SkippableFact]
    public async Task Reports_with_rotating_forwarded_addresses_from_one_client_are_one_reporter()
    {
        var id = await PublishedAsync();

        foreach (var claimed in new[] { "198.51.100.1", "192.0.2.77", "100.64.9.9", "8.8.8.8" })
        {
            Assert.Equal(HttpStatusCode.Accepted, await ReportAsync(id, "203.0.113.9", claimed));
        }

        Assert.True(await IsPublicAsync(id));
    }

    [SkippableFact]
    public async Task Accounts_and_addresses_in_one_network_are_one_reporter()
    {
        var id = await PublishedAsync();
        var accounts = new List<Session>();
        for (var i = 0; i < 3; i++)
        {
            accounts.Add(await Sessions.SignInAsync(Factory));
        }

        // Three accounts from one IPv4 /24, and three addresses of one IPv6 /64 (one of them IPv4-mapped elsewhere).
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, await ReportAsync(id, $"198.51.100.{10 + i}", access: accounts[i].Access));
            Assert.Equal(HttpStatusCode.Accepted, await ReportAsync(id, $"2001:db8:5:7::{i + 1}"));
        }
        Assert.True(await IsPublicAsync(id));

        // A third network makes three reporters.
        Assert.Equal(HttpStatusCode.Accepted, await ReportAsync(id, "::ffff:192.0.2.40", access: accounts[0].Access));
        Assert.False(await IsPublicAsync(id));
    }

    [SkippableFact]
    public async Task After_keep_the_overruled_reporters_do_not_hide_the_event_again_until_the_vendor_changes_it()
    {
        var (vendor, admin) = await SessionsAsync();
        var id = await PublishedAsync();
        string[] first = ["198.51.100.1", "192.0.2.1", "203.0.113.1"];
        string[] sameNetworks = ["198.51.100.99", "192.0.2.99", "203.0.113.99"];
        string[] fresh = ["198.51.101.1", "192.0.3.1", "203.0.114.1"];
        foreach (var peer in first)
        {
            await ReportAsync(id, peer);
        }
        Assert.False(await IsPublicAsync(id));
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/admin/events/{id}/reports/resolve/", Body(new { action = "keep" }))).StatusCode);
        Assert.True(await IsPublicAsync(id));

        // The same reporters again, from other addresses of their networks: the keep holds.
        foreach (var peer in sameNetworks)
        {
            Assert.Equal(HttpStatusCode.Accepted, await ReportAsync(id, peer));
        }
        Assert.True(await IsPublicAsync(id));

        // Three new reporters hide it again.
        foreach (var peer in fresh)
        {
            await ReportAsync(id, peer);
        }
        Assert.False(await IsPublicAsync(id));
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/admin/events/{id}/reports/resolve/", Body(new { action = "keep" }))).StatusCode);

        // Once the vendor changes the event (and it is approved again), everyone's reports count again.
        Assert.Equal(HttpStatusCode.OK, (await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { title = Unique("Changed") }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode);
        foreach (var peer in first)
        {
            await ReportAsync(id, peer);
        }
        Assert.False(await IsPublicAsync(id));
    }

    [SkippableFact]
    public async Task The_console_lists_hidden_events_first_whatever_the_number_of_older_decoy_reports()
    {
        var decoy = await PublishedAsync();
        var hidden = new List<int> { await PublishedAsync(), await PublishedAsync() };
        var titles = new List<string>();
        await WithDb(async db =>
        {
            var now = DateTime.UtcNow;
            for (var i = 0; i < 1_100; i++)
            {
                db.EventReports.Add(EventReport.File(decoy, "spam", null, $"net:10.{i / 256}.{i % 256}.0/24", now.AddMinutes(-60)));
            }
            await db.SaveChangesAsync();
        });
        foreach (var id in hidden)
        {
            foreach (var peer in new[] { "198.51.100.1", "192.0.2.1", "203.0.113.1" })
            {
                await ReportAsync(id, peer);
            }
            Assert.False(await IsPublicAsync(id));
            titles.Add((string)(await Json(await (await SessionsAsync()).Admin.Client.GetAsync($"/api/admin/events/{id}/")))["title"]!);
        }
        var console = await ConsoleSession.SignInAsync(Factory);

        var page = await console.Client.GetStringAsync("/admin/reports");

        foreach (var title in titles)
        {
            Assert.Contains(title, page);
            Assert.True(page.IndexOf(title, StringComparison.Ordinal) < page.IndexOf($"/admin/events/{decoy}\"", StringComparison.Ordinal) || !page.Contains($"/admin/events/{decoy}\""),
                "hidden events come before the decoy");
        }
        // The API orders the same way: hidden first.
        var api = await Json(await (await SessionsAsync()).Admin.Client.GetAsync("/api/admin/reports/?page_size=100"));
        var order = api["results"]!.AsArray().Select(g => (int)g!["event"]!["id"]!).ToList();
        Assert.True(order.IndexOf(hidden[0]) < order.IndexOf(decoy) && order.IndexOf(hidden[1]) < order.IndexOf(decoy));
    }
}
