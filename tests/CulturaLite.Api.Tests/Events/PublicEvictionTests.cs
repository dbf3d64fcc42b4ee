using System.Net;
using System.Net.Http.Headers;
using CulturaLite.Api.Events;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CulturaLite.Api.Tests.Events;

/// <summary>
/// Eviction of the public cache is automatic (every save passes one interceptor) and happens only
/// for changes the public can see: a vendor cannot flush every instance's cache by submitting.
/// </summary>
public abstract class PublicEvictionTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : PublicEvictionTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : PublicEvictionTests(f), IClassFixture<PostgresApiFactory>;

    /// <summary>How many times the public cache was told to drop everything while <paramref name="work"/> ran.</summary>
    private async Task<int> EvictionsDuringAsync(Func<Task> work)
    {
        var changes = Factory.Services.GetRequiredService<EventChanges>();
        var count = 0;
        void Count() => Interlocked.Increment(ref count);
        changes.Changed += Count;
        try
        {
            await work();
        }
        finally
        {
            changes.Changed -= Count;
        }
        return count;
    }

    private static object Submission(string city) => new
    {
        title = "Eviction test",
        description = "d",
        city,
        event_date = DateTime.UtcNow.AddDays(8).ToString("O"),
        category = "music",
        image_url = "https://cdn.example.com/e.jpg",
    };

    [SkippableFact]
    public async Task Submitting_and_editing_pending_events_evict_nothing()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var id = 0;

        var evictions = await EvictionsDuringAsync(async () =>
        {
            var created = await vendor.Client.PostAsync("/api/dashboard/events/", Body(Submission(Unique("Quiet"))));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            id = (int)(await Json(created))["id"]!;
            Assert.Equal(HttpStatusCode.OK, (await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { title = "Still pending" }))).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await vendor.Client.DeleteAsync($"/api/dashboard/events/{id}/")).StatusCode);
        });

        Assert.Equal(0, evictions);
    }

    [SkippableFact]
    public async Task Every_change_the_public_sees_evicts_once_without_anyone_asking()
    {
        var client = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        var city = Unique("Loud");
        var created = await vendor.Client.PostAsync("/api/dashboard/events/", Body(Submission(city)));
        var id = (int)(await Json(created))["id"]!;

        // Each step caches the public list first, then changes something a visitor sees.
        async Task<int> Step(Func<Task> change)
        {
            await client.GetAsync($"/api/events/?city={city}");
            return await EvictionsDuringAsync(change);
        }

        Assert.Equal(1, await Step(async () => Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode)));
        Assert.Equal(1, (int)(await Json(await client.GetAsync($"/api/events/?city={city}")))["count"]!);
        Assert.Equal(1, await Step(async () => Assert.Equal(HttpStatusCode.OK, (await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { title = "Back to review" }))).StatusCode)));
        Assert.Equal(0, (int)(await Json(await client.GetAsync($"/api/events/?city={city}")))["count"]!);
        Assert.Equal(1, await Step(async () => Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, id, "approve")).StatusCode)));
        Assert.Equal(1, await Step(async () => Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/admin/users/{vendor.Id}/deactivate/", null)).StatusCode)));
        Assert.Equal(0, (int)(await Json(await client.GetAsync($"/api/events/?city={city}")))["count"]!);
        Assert.Equal(1, await Step(async () => Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/admin/users/{vendor.Id}/activate/", null)).StatusCode)));
        Assert.Equal(1, (int)(await Json(await client.GetAsync($"/api/events/?city={city}")))["count"]!);
        Assert.Equal(1, await Step(async () => Assert.Equal(HttpStatusCode.Created, (await admin.Client.PostAsync("/api/admin/categories/", Body(new { name = "Evict " + Unique("") }))).StatusCode)));
    }
}

public sealed class NamedHostsSqliteFactory : SqliteApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("AllowedHosts", "localhost;127.0.0.1")];
}

/// <summary>With `AllowedHosts` naming the hosts, a request for any other host stores nothing.</summary>
public sealed class AllowedHostsTests(NamedHostsSqliteFactory factory) : ApiTest(factory), IClassFixture<NamedHostsSqliteFactory>
{
    [SkippableFact]
    public async Task An_upload_with_a_host_not_in_allowed_hosts_is_refused_and_stores_nothing()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var form = new MultipartFormDataContent
        {
            { new StringContent("Host test"), "title" },
            { new StringContent("d"), "description" },
            { new StringContent("Pune"), "city" },
            { new StringContent(DateTime.UtcNow.AddDays(8).ToString("O")), "event_date" },
            { new StringContent("music"), "category" },
        };
        var file = new ByteArrayContent(TestImages.Make(SkiaSharp.SKEncodedImageFormat.Png));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "image", "poster.png");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/dashboard/events/") { Content = form };
        request.Headers.Host = "evil.example";

        var response = await vendor.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var stored = Directory.Exists(Factory.MediaRoot) ? Directory.GetFiles(Factory.MediaRoot, "*", SearchOption.AllDirectories) : [];
        Assert.DoesNotContain(stored, f => File.GetLastWriteTimeUtc(f) > DateTime.UtcNow.AddSeconds(-5));
    }
}
