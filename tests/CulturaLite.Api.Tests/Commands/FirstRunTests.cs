using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Commands;

/// <summary>
/// The README's first command as a newcomer runs it (a real process in Development on a fresh
/// SQLite file): the demo appears with images served locally, the console says where things are,
/// JSON logs carry the trace id of the error bodies, and a busy port is one clear line.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait("Category", "Slow")]
public sealed class FirstRunTests : IDisposable
{
    private readonly string _dir = TestScratch.Folder("firstrun");
    private readonly List<Process> _processes = [];

    public FirstRunTests() => Directory.CreateDirectory(_dir);

    private Process Start(int port, out StringWriterSink output, params (string Key, string Value)[] extra)
    {
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CulturaLite.Api.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        psi.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(_dir, "first.db")}";
        psi.Environment["Media__Root"] = Path.Combine(_dir, "media");
        psi.Environment["Email__PickupDirectory"] = Path.Combine(_dir, "mail");
        psi.Environment["Logging__Console__FormatterName"] = "json";
        psi.Environment["Logging__LogLevel__CulturaLite"] = "Information";
        foreach (var (key, value) in extra)
        {
            psi.Environment[key] = value;
        }
        var process = Process.Start(psi)!;
        _processes.Add(process);
        var sink = new StringWriterSink();
        process.OutputDataReceived += (_, e) => sink.Add(e.Data);
        process.ErrorDataReceived += (_, e) => sink.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = sink;
        return process;
    }

    [Fact]
    public async Task The_first_run_shows_the_demo_with_local_images_and_says_where_everything_is()
    {
        var port = Ports.Free();
        Start(port, out var output);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        JsonNode? list = null;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !(output.Text.Contains("/scalar") && (int?)list?["count"] > 0))
        {
            try
            {
                list = JsonNode.Parse(await http.GetStringAsync("/api/events/"));
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(300);
        }

        Assert.True((int?)list?["count"] > 0, output.Text);
        Assert.Contains("/admin", output.Text);
        Assert.Contains("admin@demo.culturalite.in (admin)", output.Text);
        Assert.Contains("vendor1@demo.culturalite.in (vendor)", output.Text);
        // The root is the public home page, with the demo's events on it.
        var home = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains((string)list!["results"]![0]!["title"]!, System.Net.WebUtility.HtmlDecode(await home.Content.ReadAsStringAsync()));
        var image = new Uri((string)list!["results"]![0]!["image_url"]!);
        Assert.Equal("127.0.0.1", image.Host);
        var poster = await http.GetAsync(image.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, poster.StatusCode);
        Assert.StartsWith("image/", poster.Content.Headers.ContentType?.MediaType);

        // JSON logs: the error body's trace_id is in the log line for that request.
        var missing = await http.GetAsync("/api/does-not-exist/");
        var traceId = (string)JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["trace_id"]!;
        deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !output.Lines.Any(l => l.Contains(traceId)))
        {
            await Task.Delay(100);
        }
        var line = output.Lines.First(l => l.Contains(traceId) && l.TrimStart().StartsWith('{'));
        Assert.Contains("answered 404", (string)JsonNode.Parse(line)!["Message"]!);

        // A second server on the same port: one clear line naming the port and --urls, no stack trace.
        var second = Start(port, out var secondOutput);
        Assert.True(second.WaitForExit(60_000));
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("already in use", secondOutput.Text);
        Assert.Contains("--urls", secondOutput.Text);
        Assert.DoesNotContain("   at ", secondOutput.Text);

        // Started again on the same database: nothing is seeded twice, and the banner names the demo logins again.
        _processes[0].Kill(entireProcessTree: true);
        await _processes[0].WaitForExitAsync();
        Start(Ports.Free(), out var again);
        deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !again.Text.Contains("turns the demo off"))
        {
            await Task.Delay(200);
        }
        Assert.Contains("nothing was seeded", again.Text);
        Assert.Contains("admin@demo.culturalite.in (admin), vendor1@demo.culturalite.in (vendor)", again.Text);
    }

    [Fact]
    public void A_bad_metrics_network_setting_stops_the_server_at_start_up_naming_the_setting()
    {
        var server = Start(Ports.Free(), out var output, ("Metrics__Enabled", "true"), ("Metrics__AllowedNetworks__0", "not-a-network"));

        Assert.True(server.WaitForExit(60_000));
        Assert.NotEqual(0, server.ExitCode);
        Assert.Contains("Metrics:AllowedNetworks", output.Text);
    }

    public void Dispose()
    {
        foreach (var p in _processes)
        {
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit();
            }
            p.Dispose();
        }
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }


    public sealed class StringWriterSink
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

        public void Add(string? line)
        {
            if (line is not null)
            {
                _lines.Enqueue(line);
            }
        }

        public IReadOnlyList<string> Lines => _lines.ToList();

        public string Text => string.Join('\n', _lines);
    }
}
