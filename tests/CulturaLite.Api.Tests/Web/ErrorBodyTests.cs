using System.Net;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Web;

/// <summary>Every error carries `details` (a string unless it is a validation error) and a `trace_id` found in the log.</summary>
public sealed class ErrorBodyTests(LoggedSqliteFactory factory) : ApiTest(factory), IClassFixture<LoggedSqliteFactory>
{
    private LogCapture Logs => ((LoggedSqliteFactory)Factory).Logs;

    [SkippableFact]
    public async Task A_throttled_registration_says_why_in_details_as_the_register_page_reads_it()
    {
        var client = Client();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
        {
            last = await client.PostAsync("/api/auth/register/", Body(new { email = "x" }));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        var body = await Json(last);
        Assert.StartsWith("Request was throttled", (string)body["details"]!);
        Assert.Equal((string)body["detail"]!, (string)body["details"]!);
    }

    [SkippableFact]
    public async Task Every_kind_of_error_carries_details_and_a_trace_id_that_its_log_line_carries()
    {
        var client = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var responses = new[]
        {
            await client.GetAsync("/api/does-not-exist/"),
            await client.DeleteAsync("/api/events/"),
            await client.GetAsync("/api/dashboard/events/"),
            await vendor.Client.GetAsync("/api/admin/events/"),
            await client.GetAsync("/api/events/999999/"),
            await client.GetAsync("/api/events/?page=0"),
        };
        var validation = await client.GetAsync("/api/events/?date_from=yesterday");

        Assert.Equal(
            new[] { 404, 405, 401, 403, 404, 404 },
            responses.Select(r => (int)r.StatusCode));
        foreach (var response in responses.Append(validation))
        {
            var body = await Json(response);
            var traceId = (string)body["trace_id"]!;
            Assert.Matches("^[0-9a-f]{32}$", traceId);
            if (response != validation)
            {
                Assert.Equal(System.Text.Json.JsonValueKind.String, body["details"]!.GetValueKind());
            }
            Assert.Contains(Logs.Lines, line => line.Contains(traceId) && line.Contains($"answered {(int)response.StatusCode}"));
        }
        Assert.Equal(System.Text.Json.JsonValueKind.Object, (await Json(validation))["details"]!.GetValueKind());
    }
}
