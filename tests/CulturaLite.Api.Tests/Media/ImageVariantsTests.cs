using System.Net;
using CulturaLite.Api.Tests.Infrastructure;
using SkiaSharp;

namespace CulturaLite.Api.Tests.Media;

/// <summary>API.md "Image variants": responsive copies and a placeholder for uploads, kept and removed with the event.</summary>
public abstract class ImageVariantsTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : ImageVariantsTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : ImageVariantsTests(f), IClassFixture<PostgresApiFactory>;

    private static MultipartFormDataContent Upload(byte[] image, string name, string title) => new()
    {
        { new StringContent(title), "title" },
        { new StringContent("d"), "description" },
        { new StringContent("Pune"), "city" },
        { new StringContent(DateTime.UtcNow.AddDays(5).ToString("O")), "event_date" },
        { new StringContent("music"), "category" },
        { new ByteArrayContent(image), "image", name },
    };

    private string PathOf(string url) => Path.Combine(Factory.MediaRoot, new Uri(url).AbsolutePath["/media/".Length..]);

    [SkippableFact]
    public async Task An_upload_has_every_width_up_to_its_own_in_webp_and_jpeg_and_a_small_placeholder()
    {
        var (vendor, admin) = await SessionsAsync();
        var created = await vendor.Client.PostAsync("/api/dashboard/events/", Upload(TestImages.Make(SKEncodedImageFormat.Jpeg, 2000, 1500), "wide.jpg", Unique("Wide")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var item = await Json(created);
        var images = item["images"]!;
        Assert.Equal(1600, (int)images["width"]!);
        Assert.Equal(1200, (int)images["height"]!);
        var placeholder = (string)images["placeholder"]!;
        Assert.StartsWith("data:image/webp;base64,", placeholder);
        Assert.True(placeholder.Length <= 1000, $"{placeholder.Length} characters");
        using (var tiny = SKBitmap.Decode(Convert.FromBase64String(placeholder["data:image/webp;base64,".Length..])))
        {
            Assert.True(tiny.Width is > 0 and <= 16);
        }
        var variants = images["variants"]!.AsArray();
        Assert.Equal(
            [(320, "jpeg"), (320, "webp"), (640, "jpeg"), (640, "webp"), (1024, "jpeg"), (1024, "webp"), (1600, "jpeg"), (1600, "webp")],
            variants.Select(v => ((int)v!["width"]!, (string)v["format"]!)).Order().ToList());
        foreach (var v in variants)
        {
            var response = await Client().GetAsync((string)v!["url"]!);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal((string)v["format"]! == "webp" ? "image/webp" : "image/jpeg", response.Content.Headers.ContentType!.MediaType);
            using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(((int)v["width"]!, (int)v["height"]!), (bitmap.Width, bitmap.Height));
            Assert.Equal((int)v["width"]! * 3 / 4, bitmap.Height);
        }
        Assert.Null(variants[0]!["key"]);

        // The public item carries them too.
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, (int)item["id"]!, "approve")).StatusCode);
        var published = await Json(await Client().GetAsync($"/api/events/{item["id"]}/"));
        Assert.Equal(8, published["images"]!["variants"]!.AsArray().Count);
        Assert.Equal((string)item["image_url"]!, (string)published["image_url"]!);
        Assert.NotNull(published["thumbnail_url"]);
    }

    [SkippableFact]
    public async Task A_small_transparent_image_is_never_upscaled_and_its_jpeg_is_flattened()
    {
        var (vendor, _) = await SessionsAsync();
        var item = await Json(await vendor.Client.PostAsync("/api/dashboard/events/",
            Upload(TestImages.Make(SKEncodedImageFormat.Png, 200, 150, transparent: true), "small.png", Unique("Small"))));
        var variants = item["images"]!["variants"]!.AsArray();
        Assert.Equal([(200, "jpeg"), (200, "webp")], variants.Select(v => ((int)v!["width"]!, (string)v["format"]!)).Order().ToList());
        var jpeg = variants.Single(v => (string)v!["format"]! == "jpeg")!;
        using var bitmap = SKBitmap.Decode(await (await Client().GetAsync((string)jpeg["url"]!)).Content.ReadAsByteArrayAsync());
        var corner = bitmap.GetPixel(bitmap.Width - 1, bitmap.Height - 1);
        Assert.True(corner.Red > 240 && corner.Green > 240 && corner.Blue > 240, $"transparent pixels become white, got {corner}");
    }

    [SkippableFact]
    public async Task An_external_image_url_has_no_variants()
    {
        var (vendor, _) = await SessionsAsync();
        var item = await Json(await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("External")))));
        Assert.True(item.AsObject().ContainsKey("images"));
        Assert.Null(item["images"]);
    }

    [SkippableFact]
    public async Task Variants_are_deleted_with_the_event_and_when_the_image_is_replaced()
    {
        var (vendor, _) = await SessionsAsync();
        var item = await Json(await vendor.Client.PostAsync("/api/dashboard/events/",
            Upload(TestImages.Make(SKEncodedImageFormat.Jpeg, 700, 500), "a.jpg", Unique("Replace"))));
        var id = (int)item["id"]!;
        var first = item["images"]!["variants"]!.AsArray().Select(v => PathOf((string)v!["url"]!)).ToList();
        Assert.Equal(4, first.Count);
        Assert.All(first, f => Assert.True(File.Exists(f), f));

        var replaced = await Json(await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/",
            new MultipartFormDataContent { { new ByteArrayContent(TestImages.Make(SKEncodedImageFormat.Png, 330, 200)), "image", "b.png" } }));
        Assert.All(first, f => Assert.False(File.Exists(f), f));
        var second = replaced["images"]!["variants"]!.AsArray().Select(v => PathOf((string)v!["url"]!)).ToList();
        Assert.All(second, f => Assert.True(File.Exists(f), f));

        var external = await Json(await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { image_url = "https://cdn.example.com/x.jpg" })));
        Assert.Null(external["images"]);
        Assert.All(second, f => Assert.False(File.Exists(f), f));

        var again = await Json(await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/",
            new MultipartFormDataContent { { new ByteArrayContent(TestImages.Make(SKEncodedImageFormat.Webp, 400, 300)), "image", "c.webp" } }));
        var third = again["images"]!["variants"]!.AsArray().Select(v => PathOf((string)v!["url"]!)).ToList();
        Assert.Equal(HttpStatusCode.NoContent, (await vendor.Client.DeleteAsync($"/api/dashboard/events/{id}/")).StatusCode);
        Assert.All(third, f => Assert.False(File.Exists(f), f));
    }
}
