using System.Net;
using System.Text.RegularExpressions;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Web;

/// <summary>
/// The rules of the request pipeline's order, as Program.cs states them: the order of its calls, and what each
/// rule is for, seen through HTTP (a cached answer still gets CORS headers and drops a HEAD's body).
/// </summary>
public sealed class PipelineOrderTests(SqliteApiFactory factory) : ApiTest(factory), IClassFixture<SqliteApiFactory>
{
    /// <summary>Each pair: the first call must come before the second in Program.cs.</summary>
    public static TheoryData<string, string, string> Rules => new()
    {
        { "app.UseForwardedHeaders()", "app.UseRateLimiter()", "the client's address before the rate limits" },
        { "app.UseForwardedHeaders()", "app.UseMetricsEndpoint()", "the client's address before /metrics checks it" },
        { "app.UseForwardedHeaders()", "app.UseMiddleware<ErrorResponseLog>()", "the client's address first" },
        { "app.UseEdgeHeaders()", "app.UsePublicCache()", "security headers and HEAD bodies at the edge, before the cache" },
        { "app.UseExceptionHandler()", "app.UsePublicCache()", "exceptions below become problem+json" },
        { "app.UseCors(WebModule.CorsPolicy)", "app.UsePublicCache()", "CORS before the cache" },
        { "app.UseRouting()", "app.UsePublicCache()", "routing before the cache (its policy is on the endpoint)" },
        { "app.UsePublicCache()", "app.UseStatusCodePages()", "the cache before everything else" },
        { "app.UsePublicCache()", "app.UseCompression()", "compression inside the cache and its ETags" },
        { "app.UsePublicCache()", "app.UseAuthentication()", "the cache before authentication" },
        { "app.UseMiddleware<BodySizeLimitMiddleware>()", "app.UseAuthentication()", "bodies bounded before anything reads them" },
        { "app.UsePlainOptions()", "app.UseAuthentication()", "a plain OPTIONS before authentication" },
        { "app.UseAuthentication()", "app.UseAuthorization()", "who before what" },
        { "app.UseAuthorization()", "app.UseRateLimiter()", "rate limits per user after knowing the user" },
        { "app.UseRateLimiter()", "app.MapControllers()", "every middleware before the endpoints" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Program_cs_composes_the_pipeline_in_the_order_its_rules_state(string first, string second, string rule)
    {
        var program = File.ReadAllText(Path.Combine(Repository.Root(), "src", "CulturaLite.Api", "Program.cs"));
        var calls = Regex.Matches(program, @"^\s*(app\.(?:Use|Map)\w*(?:<\w+>)?\([^;]*\));", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(first, calls);
        Assert.Contains(second, calls);
        Assert.True(calls.IndexOf(first) < calls.IndexOf(second), $"{rule}: {first} must come before {second}");
    }

    [SkippableFact]
    public async Task A_cached_public_answer_gets_the_CORS_headers_of_each_origin()
    {
        var client = Client();
        var url = $"/api/events/?city={Unique("Cors")}";
        foreach (var origin in new[] { "http://localhost:3000", "http://localhost:3000", "http://127.0.0.1:3000" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("Origin", origin);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(origin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        }
        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.Add("Origin", "http://localhost:3000");
        var hit = await client.SendAsync(again);
        Assert.True(hit.Headers.Age is not null, "the last answer came from the cache");
        Assert.Equal("http://localhost:3000", hit.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [SkippableFact]
    public async Task A_HEAD_answered_from_the_cache_has_the_headers_and_no_body()
    {
        var client = Client();
        var url = $"/api/events/?city={Unique("Head")}";
        var get = await client.GetAsync(url);
        Assert.True((await get.Content.ReadAsByteArrayAsync()).Length > 0);
        // The cache keeps HEAD apart from GET: the first HEAD stores what the action wrote, the second is a hit.
        Assert.Empty(await (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url))).Content.ReadAsByteArrayAsync());
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.True(head.Headers.Age is not null, "the HEAD was answered from the cache");
        Assert.Equal("nosniff", head.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }
}
