using System.Net;
using System.Net.Http.Headers;
using CulturaLite.Api.Tests.Infrastructure;
using SkiaSharp;

namespace CulturaLite.Api.Tests.Events;

public abstract class DashboardTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : DashboardTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : DashboardTests(f), IClassFixture<PostgresApiFactory>;

    private static string Future(int days = 10) => DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-ddTHH:mm:ss+05:30");

    private static object JsonEvent(string? city = null, string title = "Holi Festival 2026") => new
    {
        title,
        description = "Colours and music.",
        city = city ?? "Mumbai",
        event_date = Future(),
        category = "music",
        image_url = "https://cdn.example.com/holi.jpg",
    };

    private static MultipartFormDataContent Form(byte[] image, string fileName, string contentType, string? city = null)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("Kathak Evening"), "title" },
            { new StringContent("Classical dance."), "description" },
            { new StringContent(city ?? "Pune"), "city" },
            { new StringContent(Future()), "event_date" },
            { new StringContent("dance"), "category" },
        };
        var file = new ByteArrayContent(image);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "image", fileName);
        return form;
    }

    private async Task<int> CreateAsync(Session vendor, string? city = null)
    {
        var response = await vendor.Client.PostAsync("/api/dashboard/events/", Body(JsonEvent(city)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (int)(await Json(response))["id"]!;
    }

    /// <summary>
    /// The mixed soak met 503s: an edit whose event its vendor deleted meanwhile (the edit's revision then
    /// points at nothing). The event is gone: 404, never a 5xx, and the edit's new image is not left behind.
    /// </summary>
    [SkippableFact]
    public async Task An_edit_racing_the_deletion_of_its_event_is_a_404_not_a_5xx()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var filesBefore = StoredFiles();
        var statuses = new List<HttpStatusCode>();
        for (var round = 0; round < 6; round++)
        {
            var id = await CreateAsync(vendor);
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(TestImages.Make(SKEncodedImageFormat.Png, 2400, 1600));
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "image", "big.png");
            // The edit reads the event, then spends a while on its image; the deletion lands in between.
            var edit = vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", form);
            await Task.Delay(20 * round);
            var delete = await vendor.Client.DeleteAsync($"/api/dashboard/events/{id}/");
            var edited = await edit;
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
            statuses.Add(edited.StatusCode);
        }
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.NotFound, s.ToString()));
        Assert.Contains(HttpStatusCode.NotFound, statuses);
        // Every event is gone, and so is every image an edit stored: the losers' by the edit, the winners' by the deletion.
        Assert.Equal(filesBefore, StoredFiles());
    }

    private int StoredFiles() =>
        Directory.Exists(Factory.MediaRoot) ? Directory.GetFiles(Factory.MediaRoot, "*", SearchOption.AllDirectories).Length : 0;

    /// <summary>
    /// The other order: an edit saved between a deletion's read and its write (a second tab, or an edit still
    /// on its way). The vendor asked for the event to be gone, not for the version they had loaded: it is
    /// deleted, 204, never a 409 that leaves it in place.
    /// </summary>
    [SkippableFact]
    public async Task A_deletion_racing_an_edit_of_its_event_still_deletes_it()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var statuses = new List<HttpStatusCode>();
        for (var round = 0; round < 40; round++)
        {
            var id = await CreateAsync(vendor);
            // The edit leaves 0-7 ms first: its write lands before, between or after the deletion's read and write.
            var edit = vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { title = $"Edited {round}" }));
            await Task.Delay(round % 8);
            var delete = await vendor.Client.DeleteAsync($"/api/dashboard/events/{id}/");
            var edited = await edit;
            Assert.True(edited.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, edited.StatusCode.ToString());
            statuses.Add(delete.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await vendor.Client.GetAsync($"/api/dashboard/events/{id}/")).StatusCode);
        }
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NoContent, s));
    }

    [SkippableFact]
    public async Task A_json_submission_is_pending_and_owned_by_the_caller_whatever_the_body_says()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var other = await Sessions.SignInAsync(Factory);

        var response = await vendor.Client.PostAsync("/api/dashboard/events/", Body(new
        {
            title = "Holi Festival 2026",
            description = "Colours",
            city = "Mumbai",
            event_date = Future(),
            category = "music",
            image_url = "https://cdn.example.com/holi.jpg",
            status = "approved",
            vendor = other.Id,
            vendor_id = other.Id,
            id = 999999,
        }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("pending", (string)body["status"]!);
        Assert.Null(body["rejection_reason"]);
        Assert.Equal("https://cdn.example.com/holi.jpg", (string)body["image_url"]!);
        Assert.Equal("music", (string)body["category"]!["slug"]!);
        Assert.NotNull(body["created_at"]);
        Assert.NotNull(body["updated_at"]);
        Assert.NotEqual(999999, (int)body["id"]!);
        var id = (int)body["id"]!;
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/dashboard/events/{id}/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await vendor.Client.GetAsync($"/api/dashboard/events/{id}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync($"/api/events/{id}/")).StatusCode);
    }

    [SkippableFact]
    public async Task A_png_upload_is_stored_re_encoded_with_a_thumbnail_and_served_under_media()
    {
        var client = Client();
        var vendor = await Sessions.SignInAsync(Factory);

        var response = await vendor.Client.PostAsync("/api/dashboard/events/", Form(TestImages.Make(SKEncodedImageFormat.Png, 2400, 1200, transparent: true), "poster.png", "image/png"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json(response);
        var url = (string)body["image_url"]!;
        Assert.StartsWith("http://localhost/media/", url);
        var stored = await client.GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal("nosniff", stored.Headers.GetValues("X-Content-Type-Options").First());
        Assert.Contains("max-age", stored.Headers.CacheControl!.ToString());
        using var decoded = SKBitmap.Decode(await stored.Content.ReadAsByteArrayAsync());
        Assert.Equal(1600, decoded.Width);
        Assert.Equal(800, decoded.Height);
        var thumb = await client.GetAsync(new Uri((string)body["thumbnail_url"]!).PathAndQuery);
        using var thumbnail = SKBitmap.Decode(await thumb.Content.ReadAsByteArrayAsync());
        Assert.Equal(400, thumbnail.Width);
    }

    [SkippableFact]
    public async Task A_jpeg_upload_loses_its_exif_and_gps_metadata()
    {
        var client = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var original = TestImages.JpegWithExif();
        Assert.True(TestImages.Contains(original, "GPSLatitude"));

        var response = await vendor.Client.PostAsync("/api/dashboard/events/", Form(original, "photo.jpg", "image/jpeg"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var bytes = await client.GetByteArrayAsync(new Uri((string)(await Json(response))["image_url"]!).PathAndQuery);
        Assert.False(TestImages.Contains(bytes, "GPSLatitude"));
        Assert.False(TestImages.Contains(bytes, "Exif"));
        using var decoded = SKBitmap.Decode(bytes);
        Assert.Equal(64, decoded.Width);
    }

    [SkippableFact]
    public async Task A_text_file_named_png_is_refused_and_nothing_is_stored()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var before = StoredFiles();

        var response = await vendor.Client.PostAsync("/api/dashboard/events/", Form("hello, I am text"u8.ToArray(), "evil.png", "image/png"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json(response))["details"]!["image"]);
        var after = StoredFiles();
        Assert.Equal(before, after);
    }

    [SkippableFact]
    public async Task An_image_over_the_limit_is_400_and_a_body_over_the_limit_is_413()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var overImageLimit = new byte[5 * 1024 * 1024 + 100];
        overImageLimit[0] = 0xFF; overImageLimit[1] = 0xD8; overImageLimit[2] = 0xFF;
        var overBodyLimit = new byte[8 * 1024 * 1024];

        var tooLargeImage = await vendor.Client.PostAsync("/api/dashboard/events/", Form(overImageLimit, "big.jpg", "image/jpeg"));
        var tooLargeBody = await vendor.Client.PostAsync("/api/dashboard/events/", Form(overBodyLimit, "huge.jpg", "image/jpeg"));

        Assert.Equal(HttpStatusCode.BadRequest, tooLargeImage.StatusCode);
        Assert.Contains("too large", (await Json(tooLargeImage))["details"]!["image"]![0]!.ToString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLargeBody.StatusCode);
    }

    [SkippableFact]
    public async Task Every_validation_rule_is_reported_under_its_field()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);

        var empty = await Json(await vendor.Client.PostAsync("/api/dashboard/events/", Body(new { })));
        var bad = await Json(await vendor.Client.PostAsync("/api/dashboard/events/", Body(new
        {
            title = new string('t', 201),
            description = new string('d', 10_001),
            city = new string('c', 101),
            event_date = DateTime.UtcNow.AddDays(-1).ToString("O"),
            category = "no-such-category",
            image_url = "ftp://example.com/x.jpg",
        })));
        var wrongTypes = await Json(await vendor.Client.PostAsync("/api/dashboard/events/", Body(new
        {
            title = new[] { "x" },
            description = true,
            city = "Pune\u0000",
            event_date = "tomorrow",
            category = 999999,
            image_url = "javascript:alert(1)",
        })));

        foreach (var field in new[] { "title", "description", "city", "event_date", "category", "image" })
        {
            Assert.NotNull(empty["details"]![field]);
        }
        foreach (var field in new[] { "title", "description", "city", "event_date", "category", "image_url" })
        {
            Assert.NotNull(bad["details"]![field]);
            Assert.NotNull(wrongTypes["details"]![field]);
        }
        Assert.Contains("future", bad["details"]!["event_date"]![0]!.ToString());
    }

    [SkippableFact]
    public async Task The_list_is_the_callers_own_newest_first_and_filters_by_status()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var other = await Sessions.SignInAsync(Factory);
        var first = await CreateAsync(vendor);
        var second = await CreateAsync(vendor);
        await CreateAsync(other);
        await WithDb(async db =>
        {
            var admin = await Seed.UserAsync(db, admin: true);
            var e = db.Events.Single(x => x.Id == first);
            db.Add(e.Reject(admin.Id, "Blurry poster", DateTime.UtcNow).Value!);
            await db.SaveChangesAsync();
        });

        var all = await Json(await vendor.Client.GetAsync("/api/dashboard/events/"));
        var rejected = await Json(await vendor.Client.GetAsync("/api/dashboard/events/?status=rejected"));
        var invalid = await vendor.Client.GetAsync("/api/dashboard/events/?status=bogus");

        Assert.Equal(2, (int)all["count"]!);
        Assert.Equal(second, (int)all["results"]![0]!["id"]!);
        Assert.Equal(1, (int)rejected["count"]!);
        Assert.Equal("Blurry poster", (string)rejected["results"]![0]!["rejection_reason"]!);
        Assert.Null(all["results"]![0]!["rejection_reason"]);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client().GetAsync("/api/dashboard/events/")).StatusCode);
    }

    [SkippableFact]
    public async Task Editing_an_approved_event_sends_it_back_to_review_and_off_the_public_list()
    {
        var client = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var city = Unique("Surat");
        var id = await CreateAsync(vendor, city);
        await WithDb(async db =>
        {
            var admin = await Seed.UserAsync(db, admin: true);
            db.Add(db.Events.Single(x => x.Id == id).Approve(admin.Id, DateTime.UtcNow).Value!);
            await db.SaveChangesAsync();
        });
        Assert.Equal(1, (int)(await Json(await client.GetAsync($"/api/events/?city={city}")))["count"]!);

        var patch = await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { title = "Holi Festival 2026 (new venue)", status = "approved" }));

        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        var body = await Json(patch);
        Assert.Equal("pending", (string)body["status"]!);
        Assert.Equal("Holi Festival 2026 (new venue)", (string)body["title"]!);
        Assert.Equal(city, (string)body["city"]!);
        Assert.Equal(0, (int)(await Json(await client.GetAsync($"/api/events/?city={city}")))["count"]!);

        var put = await vendor.Client.PutAsync($"/api/dashboard/events/{id}/", Body(JsonEvent(city, "Replaced")));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("Replaced", (string)(await Json(put))["title"]!);
        var incompletePut = await vendor.Client.PutAsync($"/api/dashboard/events/{id}/", Body(new { title = "Only a title" }));
        Assert.Equal(HttpStatusCode.BadRequest, incompletePut.StatusCode);
    }

    [SkippableFact]
    public async Task Another_vendors_event_is_404_for_every_verb()
    {
        _ = Client();
        var owner = await Sessions.SignInAsync(Factory);
        var intruder = await Sessions.SignInAsync(Factory);
        var id = await CreateAsync(owner);

        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Client.GetAsync($"/api/dashboard/events/{id}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Client.PutAsync($"/api/dashboard/events/{id}/", Body(JsonEvent()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { title = "x" }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Client.DeleteAsync($"/api/dashboard/events/{id}/")).StatusCode);
        Assert.Equal("Holi Festival 2026", (string)(await Json(await owner.Client.GetAsync($"/api/dashboard/events/{id}/")))["title"]!);
    }

    [SkippableFact]
    public async Task Deleting_an_event_removes_it_and_its_stored_images()
    {
        var client = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var created = await Json(await vendor.Client.PostAsync("/api/dashboard/events/", Form(TestImages.Make(SKEncodedImageFormat.Jpeg), "a.jpg", "image/jpeg")));
        var id = (int)created["id"]!;
        var imagePath = new Uri((string)created["image_url"]!).PathAndQuery;

        var delete = await vendor.Client.DeleteAsync($"/api/dashboard/events/{id}/");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await vendor.Client.GetAsync($"/api/dashboard/events/{id}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(imagePath)).StatusCode);
    }

    [SkippableFact]
    public async Task A_stale_version_is_refused_with_409()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var id = await CreateAsync(vendor);
        var version = (int)(await Json(await vendor.Client.GetAsync($"/api/dashboard/events/{id}/")))["version"]!;

        var first = await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { title = "First", version }));
        var stale = await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { title = "Second", version }));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("First", (string)(await Json(await vendor.Client.GetAsync($"/api/dashboard/events/{id}/")))["title"]!);
    }

    [SkippableFact]
    public async Task Parallel_edits_never_lose_a_write_silently()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var id = await CreateAsync(vendor);
        var initialVersion = (int)(await Json(await vendor.Client.GetAsync($"/api/dashboard/events/{id}/")))["version"]!;

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var edits = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var client = Factory.Client(vendor.Access);
            await gate.Task;
            return (i, await client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { description = $"edit {i}" })));
        })).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(edits);

        Assert.All(results, r => Assert.Contains(r.Item2.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        var final = await Json(await vendor.Client.GetAsync($"/api/dashboard/events/{id}/"));
        var succeeded = results.Where(r => r.Item2.StatusCode == HttpStatusCode.OK).ToList();
        // Each accepted edit built on the one before it (a lost write would leave the version behind).
        Assert.Equal(initialVersion + succeeded.Count, (int)final["version"]!);
        Assert.Contains((string)final["description"]!, succeeded.Select(r => $"edit {r.i}"));
    }
}
