using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CulturaLite.Api.Tests.Infrastructure;

/// <summary>A real SMTP server process on loopback (Debian's python3-aiosmtpd) that stores what it receives in a Maildir.</summary>
public sealed class SmtpServer : IDisposable
{
    public const string Python = "/usr/bin/python3";

    private Process? _process;

    public int Port { get; } = Ports.Free();
    public string MailDir { get; } = TestScratch.Folder("smtp");

    /// <summary>Points the app at this server, polling and retrying fast enough for a test.</summary>
    public IEnumerable<KeyValuePair<string, string?>> AppSettings =>
    [
        new("Email:Smtp:Host", "127.0.0.1"), new("Email:Smtp:Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Email:PollSeconds", "0.2"), new("Email:RetryBaseSeconds", "0.3"),
    ];

    public static string? UnavailableReason
    {
        get
        {
            var probe = Process.Start(new ProcessStartInfo(Python, ["-c", "import aiosmtpd"]) { RedirectStandardError = true });
            probe?.WaitForExit();
            if (probe is { ExitCode: 0 })
            {
                return null;
            }
            var reason = "python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd)";
            if (PostgresCluster.InCi)
            {
                throw new InvalidOperationException("CI=true requires " + reason);
            }
            return reason;
        }
    }

    /// <summary>Seconds the server waits before answering DATA (a slow mail relay); 0 answers at once.</summary>
    public double DataDelaySeconds { get; init; }

    /// <summary>aiosmtpd's Mailbox handler, answering DATA only after a delay.</summary>
    private const string SlowHandler = """
        import asyncio
        from aiosmtpd.handlers import Mailbox

        class SlowMailbox(Mailbox):
            def __init__(self, path, delay):
                super().__init__(path)
                self.delay = float(delay)

            @classmethod
            def from_cli(cls, parser, *args):
                return cls(*args)

            async def handle_DATA(self, server, session, envelope):
                await asyncio.sleep(self.delay)
                return await super().handle_DATA(server, session, envelope)
        """;

    public void Start()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(MailDir)!);
        var handlerDir = MailDir + "-handler";
        Directory.CreateDirectory(handlerDir);
        File.WriteAllText(Path.Combine(handlerDir, "slow_mailbox.py"), SlowHandler);
        var psi = DataDelaySeconds > 0
            ? new ProcessStartInfo(Python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "slow_mailbox.SlowMailbox", MailDir,
                DataDelaySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            : new ProcessStartInfo(Python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", MailDir]);
        psi.Environment["PYTHONPATH"] = handlerDir;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        _process = Process.Start(psi);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        throw new InvalidOperationException("the SMTP server did not start");
    }

    public string[] Messages() =>
        Directory.Exists(Path.Combine(MailDir, "new"))
            ? Directory.GetFiles(Path.Combine(MailDir, "new")).Select(File.ReadAllText).ToArray()
            : [];

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process?.Dispose();
    }

}
