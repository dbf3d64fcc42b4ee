using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CulturaLite.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CulturaLite.Api.Tests.Reliability;

/// <summary>
/// Decoding memory is bounded, measured on a real server process (its resident memory, from /proc):
/// six 48-megapixel phone photos uploaded at once are all accepted without the process growing by
/// more than 400 MB, and a small PNG that decodes to 40 megapixels cannot blow it up either. The same
/// real process shows the runtime settings the soak's figures rest on.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait("Category", "Slow")]
public sealed class ImageMemoryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long Budget = 400L * 1024 * 1024;
    private readonly string _dir = TestScratch.Folder("memory");
    private Process? _server;
    private string _base = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        var port = Ports.Free();
        _base = $"http://127.0.0.1:{port}";
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CulturaLite.Api.dll"), "--urls", _base])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(_dir, "memory.db")}";
        psi.Environment["Jwt__SigningKey"] = ApiFactory.TestSigningKey;
        psi.Environment["RateLimiting__Enabled"] = "false";
        psi.Environment["Media__Root"] = Path.Combine(_dir, "media");
        psi.Environment["Media__MaxImageBytes"] = (20 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["Email__PickupDirectory"] = Path.Combine(_dir, "mail");
        psi.Environment["AllowedHosts"] = "127.0.0.1";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        _server = Process.Start(psi)!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync($"{_base}/api/health/")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new InvalidOperationException("the server did not start");
    }

    public Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit();
        }
        _server?.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }

    private long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_server!.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    private async Task<string> VendorTokenAsync(HttpClient http)
    {
        var email = $"mem{Guid.NewGuid():N}"[..12] + "@example.com";
        const string password = "Monsoon-Ragas-77";
        var register = await http.PostAsJsonAsync($"{_base}/api/auth/register/",
            new { email, password, password_confirm = password, first_name = "Mem", last_name = "Test" });
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        var login = JsonNode.Parse(await (await http.PostAsJsonAsync($"{_base}/api/auth/login/", new { email, password })).Content.ReadAsStringAsync())!;
        return (string)login["access"]!;
    }

    private async Task<HttpStatusCode> UploadAsync(HttpClient http, string token, byte[] image, string name)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Memory test"), "title" },
            { new StringContent("d"), "description" },
            { new StringContent("Pune"), "city" },
            { new StringContent(DateTime.UtcNow.AddDays(9).ToString("O")), "event_date" },
            { new StringContent("music"), "category" },
            { new ByteArrayContent(image), "image", name },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_base}/api/dashboard/events/") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await http.SendAsync(request)).StatusCode;
    }

    /// <summary>Runs the uploads at once while sampling resident memory; returns the statuses and the growth.</summary>
    private async Task<(HttpStatusCode[] Statuses, long Growth, long Baseline)> MeasureAsync(byte[] image, string name, int parallel)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(3) };
        var token = await VendorTokenAsync(http);
        // Warm up: the first upload loads the image library and JIT-compiles the path.
        Assert.Equal(HttpStatusCode.Created, await UploadAsync(http, token, TestImages.Make(SkiaSharp.SKEncodedImageFormat.Jpeg), "warm.jpg"));
        var baseline = ResidentBytes();
        var peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, ResidentBytes());
                await Task.Delay(20);
            }
        });
        var statuses = await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => UploadAsync(http, token, image, name)));
        await sampling.CancelAsync();
        await sampler;
        return (statuses, peak - baseline, baseline);
    }

    /// <summary>
    /// The runtime settings the soak's memory figures depend on are the ones the built server really runs
    /// with (a misspelt MSBuild property once left it on server GC without anyone noticing): one heap, so
    /// no server GC threads, and JIT code mapped once, so no W^X double mapping.
    /// </summary>
    [Fact]
    public async Task The_built_server_runs_workstation_gc_with_its_code_mapped_once()
    {
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{_base}/api/events/")).StatusCode);

        var threads = Directory.GetDirectories($"/proc/{_server!.Id}/task")
            .Select(t => File.ReadAllText(Path.Combine(t, "comm")).Trim()).ToList();
        var maps = File.ReadAllText($"/proc/{_server.Id}/maps");

        Assert.Contains(".NET Finalizer", threads);
        Assert.DoesNotContain(".NET Server GC", threads);
        Assert.DoesNotContain("doublemapper", maps, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Six_parallel_48_megapixel_uploads_are_all_accepted_within_400_MB_of_growth()
    {
        var photo = TestImages.LargePhoto(8000, 6000);

        var (statuses, growth, baseline) = await MeasureAsync(photo, "phone.jpg", 6);

        output.WriteLine($"6 x 48 MP JPEG ({photo.Length / 1024} KB each): resident {baseline / 1048576} MB before, growth {growth / 1048576} MB at peak");
        Console.WriteLine($"image memory: 6 x 48 MP JPEG ({photo.Length / 1024} KB each): resident {baseline / 1048576} MB before, peak growth {growth / 1048576} MB");
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.True(growth <= Budget, $"resident memory grew by {growth / 1048576} MB");
    }

    [SkippableFact]
    public async Task Six_parallel_small_pngs_that_decode_to_40_megapixels_stay_within_400_MB_of_growth()
    {
        var png = TestImages.Make(SkiaSharp.SKEncodedImageFormat.Png, 6300, 6300);

        var (statuses, growth, baseline) = await MeasureAsync(png, "bomb.png", 6);

        Console.WriteLine($"image memory: 6 x 6300x6300 PNG ({png.Length / 1024} KB each): resident {baseline / 1048576} MB before, peak growth {growth / 1048576} MB");
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.True(growth <= Budget, $"resident memory grew by {growth / 1048576} MB");
    }

}
