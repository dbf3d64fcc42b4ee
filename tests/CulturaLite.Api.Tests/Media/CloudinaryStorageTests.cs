using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using CulturaLite.Api.Media;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using SkiaSharp;

namespace CulturaLite.Api.Tests.Media;

/// <summary>
/// A stand-in for Cloudinary's upload API on loopback that checks every request's signature the
/// way Cloudinary documents it (parameters sorted, joined with &amp;, secret appended, SHA-1).
/// </summary>
public sealed class FakeCloudinary : IAsyncDisposable
{
    public const string Cloud = "demo-cloud";
    public const string Key = "123456789";
    public const string Secret = "s3cr3t-api-secret";

    private readonly WebApplication _app;

    public ConcurrentQueue<(string Action, bool SignatureValid, Dictionary<string, string> Form)> Requests { get; } = new();

    public string BaseUrl { get; }

    public FakeCloudinary()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/v1_1/{cloud}/image/{action}", async (string cloud, string action, HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var fields = form.ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
            var expected = Sign(fields.Where(kv => kv.Key is not ("file" or "api_key" or "signature" or "resource_type" or "cloud_name")));
            var valid = cloud == Cloud && fields.GetValueOrDefault("api_key") == Key && fields.GetValueOrDefault("signature") == expected
                        && long.TryParse(fields.GetValueOrDefault("timestamp"), out var ts)
                        && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - ts) < 3600
                        && (action != "upload" || form.Files.GetFile("file") is { Length: > 0 });
            Requests.Enqueue((action, valid, fields));
            if (!valid)
            {
                return Results.Json(new { error = new { message = "Invalid Signature" } }, statusCode: 401);
            }
            var id = fields["public_id"];
            return action == "upload"
                ? Results.Json(new { public_id = id, secure_url = $"https://res.cloudinary.com/{Cloud}/image/upload/v1/{id}.jpg" })
                : Results.Json(new { result = "ok" });
        });
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Urls.First();
    }

    /// <summary>Written independently of the app's signer, from Cloudinary's description.</summary>
    private static string Sign(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var joined = string.Join("&", parameters.Where(p => p.Value.Length > 0).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
        return Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(joined + Secret))).ToLowerInvariant();
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

public sealed class CloudinaryFactory : SqliteApiFactory
{
    public FakeCloudinary Cloudinary { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Cloudinary:Url", $"cloudinary://{FakeCloudinary.Key}:{FakeCloudinary.Secret}@{FakeCloudinary.Cloud}"),
        new("Cloudinary:ApiBaseUrl", Cloudinary.BaseUrl),
    ];

    public override async ValueTask DisposeAsync()
    {
        await Cloudinary.DisposeAsync();
        await base.DisposeAsync();
    }
}

public sealed class CloudinaryStorageTests(CloudinaryFactory factory) : ApiTest(factory), IClassFixture<CloudinaryFactory>
{
    [Fact]
    public void The_signature_matches_cloudinarys_documented_example()
    {
        // From Cloudinary's "Generating authentication signatures" documentation.
        var signature = CloudinaryStorage.Sign(new Dictionary<string, string>
        {
            ["eager"] = "w_400,h_300,c_pad|w_260,h_200,c_crop",
            ["public_id"] = "sample_image",
            ["timestamp"] = "1315060510",
        }, "abcd");

        Assert.Equal("bfd09f95f331f558cbd1320e67aa8d488770583e", signature);
    }

    [SkippableFact]
    public async Task Uploads_and_deletes_are_signed_requests_that_the_store_accepts()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var form = new MultipartFormDataContent
        {
            { new StringContent("Cloud Night"), "title" }, { new StringContent("d"), "description" }, { new StringContent("Pune"), "city" },
            { new StringContent(DateTime.UtcNow.AddDays(4).ToString("O")), "event_date" }, { new StringContent("music"), "category" },
        };
        var file = new ByteArrayContent(TestImages.Make(SKEncodedImageFormat.Jpeg));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "image", "poster.jpg");

        var created = await vendor.Client.PostAsync("/api/dashboard/events/", form);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await Json(created);
        Assert.StartsWith($"https://res.cloudinary.com/{FakeCloudinary.Cloud}/image/upload/", (string)body["image_url"]!);
        Assert.StartsWith($"https://res.cloudinary.com/{FakeCloudinary.Cloud}/image/upload/", (string)body["thumbnail_url"]!);
        var variants = body["images"]!["variants"]!.AsArray();
        Assert.All(variants, v => Assert.StartsWith($"https://res.cloudinary.com/{FakeCloudinary.Cloud}/image/upload/", (string)v!["url"]!));
        var uploads = factory.Cloudinary.Requests.Where(r => r.Action == "upload").ToList();
        // The image, its thumbnail and each responsive copy.
        Assert.Equal(2 + variants.Count, uploads.Count);
        Assert.All(uploads, u => Assert.True(u.SignatureValid));

        var deleted = await vendor.Client.DeleteAsync($"/api/dashboard/events/{(int)body["id"]!}/");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var destroys = factory.Cloudinary.Requests.Where(r => r.Action == "destroy").ToList();
        Assert.Equal(uploads.Count, destroys.Count);
        Assert.All(destroys, d => Assert.True(d.SignatureValid));
        Assert.Equal(uploads.Select(u => u.Form["public_id"]).Order(), destroys.Select(d => d.Form["public_id"]).Order());
    }
}
