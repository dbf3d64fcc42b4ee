using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CulturaLite.Api.Tests.Infrastructure;

/// <summary>
/// An SMTP server on loopback that behaves as told, for what a real relay does rarely or never on demand: a
/// server that never speaks, one that speaks a byte at a time forever, a long refusal, AUTH without TLS. It
/// records each command (AUTH decoded to "AUTH user password") and each message it accepts. Well-behaved
/// delivery is tested against aiosmtpd (<see cref="SmtpServer"/>).
/// </summary>
public sealed class ScriptedSmtpServer : IAsyncDisposable
{
    public enum Greeting
    {
        /// <summary>220 at once.</summary>
        Normal,

        /// <summary>Accepts the connection and says nothing.</summary>
        Silent,

        /// <summary>Starts a 220 line and sends one more byte of it every 200 ms, never ending it.</summary>
        Trickle,
    }

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;

    public ScriptedSmtpServer(Greeting greeting = Greeting.Normal, bool offerAuth = false, string? recipientReply = null)
    {
        GreetingMode = greeting;
        OfferAuth = offerAuth;
        RecipientReply = recipientReply;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Greeting GreetingMode { get; }
    public bool OfferAuth { get; }

    /// <summary>The whole reply to RCPT TO (lines without their CRLF ends), or null for 250.</summary>
    public string? RecipientReply { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public ConcurrentQueue<string> Commands { get; } = new();
    public ConcurrentQueue<string> Messages { get; } = new();

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_connections)
                {
                    _connections.Add(ServeAsync(client));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var ct = _stop.Token;
        try
        {
            var stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.ASCII);
            async Task Say(string text) => await stream.WriteAsync(Encoding.ASCII.GetBytes(text + "\r\n"), ct);
            switch (GreetingMode)
            {
                case Greeting.Silent:
                    await Task.Delay(Timeout.Infinite, ct);
                    return;
                case Greeting.Trickle:
                    await stream.WriteAsync("220 "u8.ToArray(), ct);
                    while (true)
                    {
                        await Task.Delay(200, ct);
                        await stream.WriteAsync("x"u8.ToArray(), ct);
                    }
                default:
                    await Say("220 scripted.test ESMTP");
                    break;
            }
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                var verb = line.Split(' ')[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        Commands.Enqueue("EHLO");
                        await Say(OfferAuth ? "250-scripted.test\r\n250-AUTH PLAIN\r\n250 8BITMIME" : "250-scripted.test\r\n250 8BITMIME");
                        break;
                    case "AUTH":
                        var parts = line.Split(' ');
                        var initial = parts.Length > 2 ? parts[2] : null;
                        if (initial is null)
                        {
                            await Say("334 ");
                            initial = await reader.ReadLineAsync(ct) ?? "";
                        }
                        var fields = Encoding.UTF8.GetString(Convert.FromBase64String(initial)).Split('\0');
                        Commands.Enqueue($"AUTH {fields[1]} {fields[2]}");
                        await Say("235 2.7.0 Authentication successful");
                        break;
                    case "RCPT":
                        Commands.Enqueue("RCPT");
                        await Say(RecipientReply ?? "250 2.1.5 OK");
                        break;
                    case "DATA":
                        Commands.Enqueue("DATA");
                        await Say("354 End data with <CR><LF>.<CR><LF>");
                        var message = new StringBuilder();
                        while (await reader.ReadLineAsync(ct) is { } data && data != ".")
                        {
                            message.Append(data.StartsWith("..", StringComparison.Ordinal) ? data[1..] : data).Append("\r\n");
                        }
                        Messages.Enqueue(message.ToString());
                        await Say("250 2.0.0 Queued");
                        break;
                    case "QUIT":
                        Commands.Enqueue("QUIT");
                        await Say("221 2.0.0 Bye");
                        return;
                    default:
                        Commands.Enqueue(verb);
                        await Say("250 2.0.0 OK");
                        break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            // the client went away, or the server is stopping
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] open;
        lock (_connections)
        {
            open = [.. _connections];
        }
        await Task.WhenAll(open);
        _stop.Dispose();
    }
}
