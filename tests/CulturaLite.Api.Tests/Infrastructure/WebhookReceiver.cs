using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CulturaLite.Api.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on a loopback port that records every request it receives (headers and body) and answers
/// what the test tells it to: a status, after a delay, or a redirect.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Path, IHeaderDictionary Headers, string Body, DateTime At);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();

    /// <summary>The answer to the next requests: a status code (default 200).</summary>
    public int Status { get; set; } = 200;

    /// <summary>How long to wait before answering.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>When set, requests to `/redirect/{n}` answer 302 to what this returns for n.</summary>
    public Func<int, string>? Redirect { get; set; }

    public Uri Address { get; }

    private WebhookReceiver(WebApplication app, Uri address)
    {
        (_app, Address) = (app, address);
    }

    public IReadOnlyList<Received> Requests => _received.ToArray();

    public static async Task<WebhookReceiver> StartAsync(string host = "127.0.0.1")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{host}:0");
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = new HeaderDictionary();
            foreach (var (key, value) in context.Request.Headers)
            {
                headers[key] = value;
            }
            receiver!._received.Enqueue(new Received(context.Request.Path, headers, body, DateTime.UtcNow));
            if (receiver.Delay > TimeSpan.Zero)
            {
                await Task.Delay(receiver.Delay, context.RequestAborted);
            }
            if (receiver.Redirect is { } redirect && context.Request.Path.StartsWithSegments("/redirect", out var rest)
                && int.TryParse(rest.Value?.Trim('/'), out var n))
            {
                context.Response.StatusCode = 302;
                context.Response.Headers.Location = redirect(n);
                return;
            }
            context.Response.StatusCode = receiver.Status;
        });
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        receiver = new WebhookReceiver(app, address);
        return receiver;
    }

    public async Task<Received> WaitForAsync(Func<Received, bool> match, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < until)
        {
            if (Requests.FirstOrDefault(match) is { } found)
            {
                return found;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"No matching request arrived; received: {string.Join(" | ", Requests.Select(r => r.Body))}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
