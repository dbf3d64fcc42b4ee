using System.Net;
using System.Text;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Web;

public abstract class ConventionTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : ConventionTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : ConventionTests(f), IClassFixture<PostgresApiFactory>;

    [SkippableFact]
    public async Task Health_and_readiness_answer()
    {
        var client = Client();

        var health = await Json(await client.GetAsync("/api/health/"));
        var ready = await client.GetAsync("/api/health/ready");

        Assert.Equal("healthy", (string)health["status"]!);
        Assert.False(string.IsNullOrEmpty((string)health["version"]!));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [SkippableFact]
    public async Task Unknown_paths_are_404_problems_and_wrong_methods_are_405_with_allow()
    {
        var client = Client();

        var unknown = await client.GetAsync("/api/does-not-exist/");
        var wrongMethod = await client.DeleteAsync("/api/events/");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        var body = await Json(unknown);
        Assert.NotNull(body["detail"]);
        Assert.NotNull(body["error"]);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Contains("GET", wrongMethod.Content.Headers.Allow);
        Assert.Equal("application/problem+json", wrongMethod.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task Head_is_answered_like_get_without_a_body()
    {
        var client = Client();

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/events/"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [SkippableFact]
    public async Task A_plain_options_request_lists_the_allowed_methods()
    {
        var client = Client();

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/api/events/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("GET", response.Content.Headers.Allow);
        Assert.Contains("OPTIONS", response.Content.Headers.Allow);
        Assert.DoesNotContain("POST", response.Content.Headers.Allow);
    }

    [SkippableFact]
    public async Task A_preflight_is_answered_directly_echoing_the_origin_with_credentials()
    {
        var client = Client();
        foreach (var path in new[] { "/api/events/", "/api/events", "/api/auth/login/", "/api/auth/login" })
        {
            var request = new HttpRequestMessage(HttpMethod.Options, path);
            request.Headers.Add("Origin", "http://localhost:3000");
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "content-type,authorization");

            var response = await client.SendAsync(request);

            Assert.True(response.IsSuccessStatusCode, path);
            Assert.Equal("http://localhost:3000", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.Equal("true", response.Headers.GetValues("Access-Control-Allow-Credentials").Single());
        }
        var foreign = new HttpRequestMessage(HttpMethod.Get, "/api/events/");
        foreign.Headers.Add("Origin", "https://evil.example");
        var denied = await client.SendAsync(foreign);
        Assert.False(denied.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [SkippableFact]
    public async Task A_cached_public_read_keeps_its_origins_cors_headers_and_the_security_headers()
    {
        // The public cache answers before the CORS middleware runs: each Origin must get its own stored answer.
        var client = Client();
        async Task<HttpResponseMessage> Get(string? origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/events/?page_size=7");
            if (origin is not null)
            {
                request.Headers.Add("Origin", origin);
            }
            return await client.SendAsync(request);
        }

        foreach (var origin in new[] { "http://localhost:3000", "https://evil.example", null, "http://localhost:3000" })
        {
            var first = await Get(origin);
            var cached = await Get(origin);

            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
            Assert.NotNull(cached.Headers.Age);
            Assert.NotNull(cached.Headers.ETag);
            Assert.Equal(first.Headers.ETag, cached.Headers.ETag);
            Assert.Equal(await first.Content.ReadAsStringAsync(), await cached.Content.ReadAsStringAsync());
            Assert.Equal("nosniff", cached.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("same-origin", cached.Headers.GetValues("Referrer-Policy").Single());
            if (origin == "http://localhost:3000")
            {
                Assert.Equal(origin, cached.Headers.GetValues("Access-Control-Allow-Origin").Single());
                Assert.Equal("true", cached.Headers.GetValues("Access-Control-Allow-Credentials").Single());
            }
            else
            {
                Assert.False(cached.Headers.Contains("Access-Control-Allow-Origin"), origin);
            }
        }
    }

    [SkippableTheory]
    [InlineData("{\"email\": ")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"email\": 12, \"password\": true}")]
    [InlineData("{\"email\": \"a@b.c\", \"email\": \"d@e.f\", \"password\": \"x\"}")]
    [InlineData("{\"email\": \"a\\u0000b@c.d\", \"password\": \"x\"}")]
    [InlineData("{\"email\": 1e999999, \"password\": \"x\"}")]
    [InlineData("nul\u0000byte")]
    public async Task Malformed_json_is_a_400_problem_without_internals(string json)
    {
        var client = Client();

        var response = await client.PostAsync("/api/auth/login/", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var body = await Json(response);
        Assert.NotNull(body["detail"]);
        Assert.NotNull(body["error"]);
        Assert.NotNull(body["details"]);
        Assert.DoesNotContain("System.", text);
        Assert.DoesNotContain("Exception", text);
        Assert.DoesNotContain(" at ", text);
    }

    [SkippableFact]
    public async Task Wrong_content_type_is_415_and_huge_bodies_are_413()
    {
        var client = Client();

        var wrongType = await client.PostAsync("/api/auth/login/", new StringContent("email=a", Encoding.UTF8, "text/plain"));
        var huge = await client.PostAsync("/api/auth/register/", new StringContent(new string('a', 12 * 1024 * 1024), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal("application/problem+json", wrongType.Content.Headers.ContentType?.MediaType);
        Assert.NotNull((await Json(wrongType))["error"]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.NotNull((await Json(huge))["error"]);
    }

    [SkippableFact]
    public async Task The_openapi_document_and_scalar_ui_are_served()
    {
        var client = Client();

        var doc = await client.GetAsync("/openapi/v1.json");
        var ui = await client.GetAsync("/scalar");

        Assert.Equal(HttpStatusCode.OK, doc.StatusCode);
        var text = await doc.Content.ReadAsStringAsync();
        Assert.Contains("/api/events", text);
        Assert.Contains("event_date", text);
        // Grouped fields are described as the flat members they are sent as.
        Assert.Contains("\"venue_name\"", text);
        Assert.Contains("\"rejection_reason\"", text);
        Assert.DoesNotContain("\"moderation\"", text);
        Assert.True(ui.IsSuccessStatusCode || ui.StatusCode == HttpStatusCode.Redirect || ui.StatusCode == HttpStatusCode.MovedPermanently);
    }
}
