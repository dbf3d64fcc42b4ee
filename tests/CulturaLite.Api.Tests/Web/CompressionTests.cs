using System.IO.Compression;
using System.Net;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Web;

/// <summary>API.md "Public discovery": every text answer compressed with Brotli or gzip as Accept-Encoding allows, with Vary; images not.</summary>
public abstract class CompressionTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : CompressionTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : CompressionTests(f), IClassFixture<PostgresApiFactory>;

    private async Task<HttpResponseMessage> GetAsync(string url, string? acceptEncoding, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }
        return await Client().SendAsync(request);
    }

    private static async Task<string> TextAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Stream decoded = response.Content.Headers.ContentEncoding.SingleOrDefault() switch
        {
            "br" => new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress),
            "gzip" => new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress),
            null => new MemoryStream(bytes),
            var other => throw new InvalidOperationException($"unexpected encoding {other}"),
        };
        using var reader = new StreamReader(decoded);
        return await reader.ReadToEndAsync();
    }

    [SkippableTheory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("gzip;q=1, br;q=0.5", "gzip")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("*", "br")]
    [InlineData(null, null)]
    [InlineData("identity", null)]
    public async Task The_list_is_compressed_as_the_client_accepts_and_reads_the_same(string? accept, string? expected)
    {
        var city = Unique("Zipur");
        await PublishAsync(EventBody(Unique("Compressed"), city));
        var url = $"/api/events/?city={city}";
        var plain = await TextAsync(await GetAsync(url, null));
        // Twice: the second answer comes from the cache, stored for this encoding.
        foreach (var _ in new[] { 1, 2 })
        {
            var response = await GetAsync(url, accept);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expected, response.Content.Headers.ContentEncoding.SingleOrDefault());
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            Assert.Equal(plain, await TextAsync(response));
        }
    }

    [SkippableFact]
    public async Task Every_kind_of_text_answer_is_compressed_and_images_are_not()
    {
        var item = await PublishAsync(EventBody(Unique("Kinds")));
        var id = (int)item["id"]!;
        foreach (var url in new[] { $"/api/events/{id}/", "/api/categories/", $"/e/{id}", "/api/events/feed.rss", "/api/events/feed.ics", "/sitemap.xml", "/api/events/?page=999999" })
        {
            var response = await GetAsync(url, "gzip");
            Assert.True(response.Content.Headers.ContentEncoding.Contains("gzip"), $"{url} was not compressed ({response.Content.Headers.ContentType})");
        }
        var image = await GetAsync($"/e/{id}/og.jpg", "br, gzip");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Empty(image.Content.Headers.ContentEncoding);
    }

    [SkippableFact]
    public async Task Each_encoding_has_its_own_etag_and_a_304_only_for_its_own()
    {
        var city = Unique("Etagpur");
        await PublishAsync(EventBody(Unique("Tagged"), city));
        var url = $"/api/events/?city={city}";
        var tags = new Dictionary<string, string>();
        foreach (var encoding in new[] { "br", "gzip", "identity" })
        {
            var response = await GetAsync(url, encoding);
            tags[encoding] = response.Headers.ETag!.ToString();
        }
        Assert.Equal(3, tags.Values.Distinct().Count());
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(url, "br", tags["br"])).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(url, "gzip", tags["gzip"])).StatusCode);
        var other = await GetAsync(url, "gzip", tags["br"]);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal("gzip", other.Content.Headers.ContentEncoding.Single());
    }
}
