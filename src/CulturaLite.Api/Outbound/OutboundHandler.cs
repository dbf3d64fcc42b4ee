using System.Net;
using System.Net.Sockets;

namespace CulturaLite.Api.Outbound;

/// <summary>
/// The connection step of every outbound request: the host is resolved here and only its public addresses are
/// dialled (<see cref="PublicAddresses"/>), so a name that resolves to a private address, a DNS answer that changed
/// since the URL was saved, and every redirect (each new connection comes through here) are all refused. No proxy:
/// the address checked is the address connected to.
/// </summary>
public static class OutboundHandler
{
    public static SocketsHttpHandler Create(OutboundOptions options) =>
        Create(options, options.AllowPrivateNetworks ? _ => true : PublicAddresses.IsPublic);

    /// <summary>A handler that dials only the addresses <paramref name="allowed"/> accepts (tests narrow it further).</summary>
    public static SocketsHttpHandler Create(OutboundOptions options, Func<IPAddress, bool> allowed) => new()
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = options.MaxRedirects > 0,
        MaxAutomaticRedirections = Math.Max(1, options.MaxRedirects),
        ConnectTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        AutomaticDecompression = DecompressionMethods.All,
        ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, allowed, ct),
    };

    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, Func<IPAddress, bool> allowed, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(endPoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, ct);
        var dialled = addresses.Where(allowed).ToArray();
        if (dialled.Length == 0)
        {
            throw new OutboundRefusedException($"{endPoint.Host} does not resolve to a public address.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(dialled, endPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>An outbound request refused before it left: its host is not on the public internet.</summary>
public sealed class OutboundRefusedException(string message) : IOException(message);
