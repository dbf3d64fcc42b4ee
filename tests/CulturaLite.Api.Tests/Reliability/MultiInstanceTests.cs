using System.Diagnostics;
using System.Net;
using CulturaLite.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CulturaLite.Api.Tests.Reliability;

/// <summary>
/// Two server processes on one PostgreSQL database behind nginx (round robin): tokens, revocations
/// and cache evictions made on one instance hold on the other.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait("Category", "Slow")]
public sealed class MultiInstanceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Nginx = "/usr/sbin/nginx";
    private readonly List<Process> _processes = [];
    private readonly string _dir = TestScratch.Folder("multi");
    private string _a = "", _b = "", _lb = "";

    private static string? UnavailableReason()
    {
        var reason = PostgresCluster.Instance.UnavailableReason
                     ?? (File.Exists(Nginx) ? null : "nginx is not installed (apt-get install nginx-light)");
        if (reason is not null && PostgresCluster.InCi)
        {
            throw new InvalidOperationException("CI=true requires " + reason);
        }
        return reason;
    }

    public async Task InitializeAsync()
    {
        if (UnavailableReason() is not null)
        {
            return;
        }
        Directory.CreateDirectory(_dir);
        var connection = await PostgresCluster.Instance.CreateDatabaseAsync();
        var (portA, portB, portLb) = (Ports.Free(), Ports.Free(), Ports.Free());
        _a = $"http://127.0.0.1:{portA}";
        _b = $"http://127.0.0.1:{portB}";
        _lb = $"http://127.0.0.1:{portLb}";
        StartInstance(portA, connection);
        await WaitHealthyAsync(_a);
        StartInstance(portB, connection);
        await WaitHealthyAsync(_b);
        // The deployment's own nginx site (deploy/culturalite.conf), with this test's ports: it cannot rot.
        var site = (await File.ReadAllTextAsync(Path.Combine(Repository.Root(), "deploy", "culturalite.conf")))
            .Replace("server 127.0.0.1:8001;", $"server 127.0.0.1:{portA};")
            .Replace("server 127.0.0.1:8002;", $"server 127.0.0.1:{portB};")
            .Replace("listen 80;", $"listen 127.0.0.1:{portLb};");
        await File.WriteAllTextAsync(Path.Combine(_dir, "nginx.conf"), $$"""
            worker_processes 1;
            pid {{_dir}}/nginx.pid;
            error_log {{_dir}}/nginx-error.log;
            events { worker_connections 256; }
            http {
              access_log off;
              client_body_temp_path {{_dir}}/body;
              proxy_temp_path {{_dir}}/proxy;
              fastcgi_temp_path {{_dir}}/fastcgi;
              uwsgi_temp_path {{_dir}}/uwsgi;
              scgi_temp_path {{_dir}}/scgi;
            {{site}}
            }
            """);
        var nginx = Process.Start(new ProcessStartInfo(Nginx, ["-c", Path.Combine(_dir, "nginx.conf"), "-p", _dir, "-g", "daemon off;"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        _processes.Add(nginx);
        await WaitHealthyAsync(_lb);
    }

    private void StartInstance(int port, string connection)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CulturaLite.Api.dll");
        var psi = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Database__Provider"] = "postgres";
        psi.Environment["ConnectionStrings__Default"] = connection;
        psi.Environment["Jwt__SigningKey"] = ApiFactory.TestSigningKey;
        psi.Environment["RateLimiting__Enabled"] = "false";
        psi.Environment["Media__Root"] = Path.Combine(_dir, "media");
        psi.Environment["AllowedHosts"] = "127.0.0.1;localhost";
        psi.Environment["Email__PickupDirectory"] = Path.Combine(_dir, "mail");
        psi.Environment["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        // The webhook receiver listens on loopback.
        psi.Environment["Outbound__AllowPrivateNetworks"] = "true";
        psi.Environment["Webhooks__PollSeconds"] = "0.2";
        // Small digest batches, so that two runs interleave many claims.
        psi.Environment["Alerts__BatchSize"] = "25";
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
    }

    [SkippableFact]
    [Trait("Category", "MultiInstance")]
    public async Task Tokens_revocations_and_cache_evictions_hold_across_instances()
    {
        var unavailable = UnavailableReason();
        Skip.If(unavailable is not null, unavailable);
        using var a = new HttpClient { BaseAddress = new Uri(_a) };
        using var b = new HttpClient { BaseAddress = new Uri(_b) };
        using var lb = new HttpClient { BaseAddress = new Uri(_lb) };

        // Register and log in through the load balancer; the token works on both instances.
        var email = $"multi{Guid.NewGuid():N}"[..20] + "@example.com";
        const string password = "Twin-Servers-42";
        Assert.Equal(HttpStatusCode.Created, (await lb.PostAsync("/api/auth/register/", ApiTest_Body(new { email, password, password_confirm = password, first_name = "Multi", last_name = "Vendor" }))).StatusCode);
        var login = await ApiTestJson(await a.PostAsync("/api/auth/login/", ApiTest_Body(new { email, password })));
        var access = (string)login["access"]!;
        Assert.Equal(HttpStatusCode.OK, (await Send(b, HttpMethod.Get, "/api/auth/me/", access)).StatusCode);

        // A refresh token revoked on one instance is refused by the other.
        var refresh = (string)login["refresh"]!;
        Assert.Equal(HttpStatusCode.OK, (await a.PostAsync("/api/auth/logout/", ApiTest_Body(new { refresh }))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await b.PostAsync("/api/auth/refresh/", ApiTest_Body(new { refresh }))).StatusCode);

        // Cached public lists are evicted on both instances when a decision is made on either.
        var city = "Twin" + Guid.NewGuid().ToString("N")[..8];
        var submitted = await ApiTestJson(await Send(lb, HttpMethod.Post, "/api/dashboard/events/", access, new
        {
            title = "Twin city festival",
            description = "d",
            city,
            event_date = DateTime.UtcNow.AddDays(7).ToString("O"),
            category = "music",
            image_url = "https://cdn.example.com/t.jpg",
        }));
        var id = (int)submitted["id"]!;
        foreach (var client in new[] { a, b })
        {
            Assert.Equal(0, (int)(await ApiTestJson(await client.GetAsync($"/api/events/?city={city}")))["count"]!);
        }
        var adminAccess = await AdminTokenAsync(a);
        Assert.Equal(HttpStatusCode.OK, (await Send(a, HttpMethod.Post, $"/api/admin/events/{id}/approve/", adminAccess, new { version = 1 })).StatusCode);
        var watch = Stopwatch.StartNew();
        int seenOnB;
        do
        {
            seenOnB = (int)(await ApiTestJson(await b.GetAsync($"/api/events/?city={city}")))["count"]!;
        }
        while (seenOnB == 0 && watch.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal(1, seenOnB);
        Assert.Equal(1, (int)(await ApiTestJson(await a.GetAsync($"/api/events/?city={city}")))["count"]!);
        var propagation = watch.Elapsed.TotalMilliseconds;
        Assert.True(propagation < 2000, $"eviction reached the other instance after {propagation:F0} ms");

        // Deactivation on B is honoured by A for live access tokens.
        var userId = (int)login["user"]!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await Send(b, HttpMethod.Post, $"/api/admin/users/{userId}/deactivate/", adminAccess)).StatusCode);
        watch.Restart();
        HttpStatusCode onA;
        do
        {
            onA = (await Send(a, HttpMethod.Get, "/api/auth/me/", access)).StatusCode;
        }
        while (onA == HttpStatusCode.OK && watch.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.Unauthorized, onA);

        var report = $"two instances behind nginx: decision evicted the other instance's cache in {propagation:F0} ms; deactivation honoured in {watch.ElapsedMilliseconds} ms";
        output.WriteLine(report);
        Console.WriteLine(report);
    }

    [SkippableFact]
    [Trait("Category", "MultiInstance")]
    public async Task Webhook_deliveries_go_out_once_and_in_order_from_two_instances()
    {
        var unavailable = UnavailableReason();
        Skip.If(unavailable is not null, unavailable);
        using var a = new HttpClient { BaseAddress = new Uri(_a) };
        using var b = new HttpClient { BaseAddress = new Uri(_b) };
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = await AdminTokenAsync(a);
        var hook = await ApiTestJson(await Send(a, HttpMethod.Post, "/api/admin/webhooks/", admin,
            new { url = new Uri(receiver.Address, "/hook").ToString(), events = new[] { "event.published", "event.cancelled" } }));
        var email = $"hook{Guid.NewGuid():N}"[..20] + "@example.com";
        const string password = "Twin-Hooks-42";
        Assert.Equal(HttpStatusCode.Created, (await a.PostAsync("/api/auth/register/", ApiTest_Body(new { email, password, password_confirm = password, first_name = "Hook", last_name = "Vendor" }))).StatusCode);
        var vendor = (string)(await ApiTestJson(await a.PostAsync("/api/auth/login/", ApiTest_Body(new { email, password }))))["access"]!;

        // Ten events, approved and then cancelled through one instance or the other; both instances' senders run.
        var ids = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            var (decide, act) = i % 2 == 0 ? (a, b) : (b, a);
            var created = await ApiTestJson(await Send(act, HttpMethod.Post, "/api/dashboard/events/", vendor, new
            {
                title = $"Twin hook {i}",
                description = "d",
                city = "Pune",
                event_date = DateTime.UtcNow.AddDays(7 + i).ToString("O"),
                category = "music",
                image_url = "https://cdn.example.com/t.jpg",
            }));
            var id = (int)created["id"]!;
            ids.Add(id);
            Assert.Equal(HttpStatusCode.OK, (await Send(decide, HttpMethod.Post, $"/api/admin/events/{id}/approve/", admin, new { version = (int)created["version"]! })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Send(act, HttpMethod.Post, $"/api/dashboard/events/{id}/cancel/", vendor, new { reason = "Rain" })).StatusCode);
        }
        static (string Type, int Id) Read(WebhookReceiver.Received r)
        {
            var body = System.Text.Json.Nodes.JsonNode.Parse(r.Body)!;
            return ((string)body["type"]!, (int)body["data"]!["id"]!);
        }
        foreach (var id in ids)
        {
            await receiver.WaitForAsync(r => Read(r) == ("event.cancelled", id), TimeSpan.FromSeconds(30));
        }
        await Task.Delay(1000);
        var received = receiver.Requests.Where(r => ids.Contains(Read(r).Id)).ToList();
        // Each change once (one attempt per webhook-id), and each event's publication before its cancellation.
        Assert.Equal(20, received.Count);
        Assert.Equal(20, received.Select(r => r.Headers["webhook-id"].ToString()).Distinct().Count());
        foreach (var id in ids)
        {
            var mine = received.Where(r => Read(r).Id == id).Select(r => Read(r).Type).ToList();
            Assert.Equal(["event.published", "event.cancelled"], mine);
        }
        var log = await ApiTestJson(await Send(b, HttpMethod.Get, $"/api/admin/webhooks/{(int)hook["id"]!}/deliveries/?page_size=100", admin));
        Assert.Equal(20, log["results"]!.AsArray().Count(d => (string?)d!["outcome"] == "delivered" && (int)d["attempt"]! == 1));
        output.WriteLine($"two instances: {received.Count} webhook deliveries, each once, in order per event");
    }

    [SkippableFact]
    public async Task Digest_runs_on_two_instances_at_once_build_each_digest_once()
    {
        var unavailable = UnavailableReason();
        Skip.If(unavailable is not null, unavailable);
        using var a = new HttpClient { BaseAddress = new Uri(_a), Timeout = TimeSpan.FromMinutes(2) };
        using var b = new HttpClient { BaseAddress = new Uri(_b), Timeout = TimeSpan.FromMinutes(2) };
        var admin = await AdminTokenAsync(a);
        var email = $"dig{Guid.NewGuid():N}"[..20] + "@example.com";
        const string password = "Twin-Digest-42";
        Assert.Equal(HttpStatusCode.Created, (await a.PostAsync("/api/auth/register/", ApiTest_Body(new { email, password, password_confirm = password, first_name = "Dig", last_name = "Vendor" }))).StatusCode);
        var vendor = (string)(await ApiTestJson(await a.PostAsync("/api/auth/login/", ApiTest_Body(new { email, password }))))["access"]!;
        var created = await ApiTestJson(await Send(a, HttpMethod.Post, "/api/dashboard/events/", vendor, new
        {
            title = "Twin digest concert",
            description = "d",
            city = "Pune",
            event_date = DateTime.UtcNow.AddDays(7).ToString("O"),
            category = "music",
            image_url = "https://cdn.example.com/t.jpg",
        }));
        Assert.Equal(HttpStatusCode.OK, (await Send(b, HttpMethod.Post, $"/api/admin/events/{(int)created["id"]!}/approve/", admin, new { version = (int)created["version"]! })).StatusCode);
        // 300 confirmed subscriptions to every event, last digested an hour ago.
        var marker = Guid.NewGuid().ToString("N")[..8];
        await using (var db = new Npgsql.NpgsqlConnection(_processes[0].StartInfo.Environment["ConnectionStrings__Default"]))
        {
            await db.OpenAsync();
            await using var insert = new Npgsql.NpgsqlCommand("""
                INSERT INTO alerts_subscription (email, normalized_email, frequency, filters, token, created_at, confirmed_at, last_digest_at, next_digest_at, link_base)
                SELECT 'twin' || i || '-' || @m || '@example.com', 'twin' || i || '-' || @m || '@example.com', 'weekly', '', md5(random()::text) || md5(random()::text),
                       now() - interval '2 hours', now() - interval '2 hours', now() - interval '1 hour', now() + interval '3 days', 'http://127.0.0.1'
                FROM generate_series(1, 300) AS i
                """, db);
            insert.Parameters.AddWithValue("m", marker);
            await insert.ExecuteNonQueryAsync();
        }

        var runs = await Task.WhenAll(
            Send(a, HttpMethod.Post, "/api/admin/digests/run/", admin, new { frequency = "weekly" }),
            Send(b, HttpMethod.Post, "/api/admin/digests/run/", admin, new { frequency = "weekly" }));

        Assert.All(runs, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var sent = 0;
        foreach (var run in runs)
        {
            sent += (int)(await ApiTestJson(run))["sent"]!;
        }
        await using var check = new Npgsql.NpgsqlConnection(_processes[0].StartInfo.Environment["ConnectionStrings__Default"]);
        await check.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("""
            SELECT count(*), count(DISTINCT "to") FROM notifications_email_outbox WHERE "to" LIKE '%-' || @m || '@example.com' AND body LIKE '%Twin digest concert%'
            """, check);
        count.Parameters.AddWithValue("m", marker);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(300L, reader.GetInt64(0));
        Assert.Equal(300L, reader.GetInt64(1));
        Assert.True(sent >= 300, $"the runs reported {sent} digests");
        output.WriteLine($"two instances running digests at once: 300 subscriptions, 300 digests, each once");
    }

    private async Task<string> AdminTokenAsync(HttpClient instance)
    {
        var email = $"admin{Guid.NewGuid():N}"[..20] + "@example.com";
        const string password = "Admin-Pass-2026";
        var dll = Path.Combine(AppContext.BaseDirectory, "CulturaLite.Api.dll");
        var psi = new ProcessStartInfo("dotnet", [dll, "createsuperuser", "--email", email, "--password", password])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var key in new[] { "ConnectionStrings__Default" })
        {
            psi.Environment[key] = _processes[0].StartInfo.Environment[key];
        }
        psi.Environment["Database__Provider"] = "postgres";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Jwt__SigningKey"] = ApiFactory.TestSigningKey;
        // A command checks every setting as the server does.
        psi.Environment["AllowedHosts"] = "127.0.0.1;localhost";
        using var process = Process.Start(psi)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"createsuperuser failed: {stdout} {stderr}");
        var login = await ApiTestJson(await instance.PostAsync("/api/auth/login/", ApiTest_Body(new { email, password })));
        return (string)login["access"]!;
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = ApiTest_Body(body);
        }
        return await client.SendAsync(request);
    }

    private static System.Net.Http.Json.JsonContent ApiTest_Body(object value) =>
        System.Net.Http.Json.JsonContent.Create(value, options: ApiTest.JsonOptions);

    private static async Task<System.Text.Json.Nodes.JsonNode> ApiTestJson(HttpResponseMessage response) =>
        System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    private static async Task WaitHealthyAsync(string baseUrl)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await client.GetAsync("/api/health/ready/")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{baseUrl} did not become ready");
    }


    public Task DisposeAsync()
    {
        foreach (var p in _processes)
        {
            try
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                    p.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
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
        return Task.CompletedTask;
    }
}
