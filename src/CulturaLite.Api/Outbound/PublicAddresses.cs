using System.Net;
using System.Net.Sockets;

namespace CulturaLite.Api.Outbound;

/// <summary>
/// Which addresses the server may connect to on someone else's behalf: global unicast only. Loopback, private,
/// shared (CGNAT), link-local, unique-local, multicast, documentation, benchmarking, reserved and unspecified
/// addresses are refused, in IPv4 and IPv6, and an IPv6 address that carries an IPv4 one (mapped, compatible,
/// NAT64, 6to4, Teredo) is judged by the address it carries or refused.
/// </summary>
public static class PublicAddresses
{
    private static readonly (IPAddress Network, int Prefix)[] RefusedV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8), // "this network"
        (IPAddress.Parse("10.0.0.0"), 8),
        (IPAddress.Parse("100.64.0.0"), 10), // shared address space (carrier-grade NAT)
        (IPAddress.Parse("127.0.0.0"), 8),
        (IPAddress.Parse("169.254.0.0"), 16), // link-local, cloud metadata services
        (IPAddress.Parse("172.16.0.0"), 12),
        (IPAddress.Parse("192.0.0.0"), 24), // IETF protocol assignments
        (IPAddress.Parse("192.0.2.0"), 24), // documentation
        (IPAddress.Parse("192.88.99.0"), 24), // 6to4 relay anycast
        (IPAddress.Parse("192.168.0.0"), 16),
        (IPAddress.Parse("198.18.0.0"), 15), // benchmarking
        (IPAddress.Parse("198.51.100.0"), 24),
        (IPAddress.Parse("203.0.113.0"), 24),
        (IPAddress.Parse("224.0.0.0"), 4), // multicast
        (IPAddress.Parse("240.0.0.0"), 4), // reserved, and the broadcast address
    ];

    private static readonly (IPAddress Network, int Prefix)[] RefusedV6 =
    [
        (IPAddress.Parse("::"), 96), // unspecified, loopback, IPv4-compatible
        (IPAddress.Parse("100::"), 64), // discard
        (IPAddress.Parse("2001:db8::"), 32), // documentation
        (IPAddress.Parse("2001:10::"), 28), // ORCHID
        (IPAddress.Parse("fc00::"), 7), // unique-local
        (IPAddress.Parse("fe80::"), 10), // link-local
        (IPAddress.Parse("fec0::"), 10), // site-local (deprecated)
        (IPAddress.Parse("ff00::"), 8), // multicast
    ];

    /// <summary>True when a connection to <paramref name="address"/> reaches the public internet.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return !RefusedV4.Any(r => InNetwork(address, r.Network, r.Prefix));
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }
        var bytes = address.GetAddressBytes();
        // NAT64 (64:ff9b::/96 and the local-use 64:ff9b:1::/48), 6to4 (2002::/16) and Teredo (2001::/32) carry an
        // IPv4 address that the network turns them into: judge that one.
        if (InNetwork(address, IPAddress.Parse("64:ff9b::"), 96))
        {
            return IsPublic(new IPAddress(bytes[12..16]));
        }
        if (InNetwork(address, IPAddress.Parse("64:ff9b:1::"), 48))
        {
            return false;
        }
        if (InNetwork(address, IPAddress.Parse("2002::"), 16))
        {
            return IsPublic(new IPAddress(bytes[2..6]));
        }
        if (InNetwork(address, IPAddress.Parse("2001::"), 32))
        {
            // Teredo's client address is the last 32 bits, inverted.
            return IsPublic(new IPAddress(bytes[12..16].Select(b => (byte)~b).ToArray()));
        }
        // Everything else outside global unicast (2000::/3) is not the public internet.
        return (bytes[0] & 0xE0) == 0x20 && !RefusedV6.Any(r => InNetwork(address, r.Network, r.Prefix));
    }

    private static bool InNetwork(IPAddress address, IPAddress network, int prefix) =>
        address.AddressFamily == network.AddressFamily && new IPNetwork(network, prefix).Contains(address);

    /// <summary>
    /// Why <paramref name="url"/> may not be requested (null when it may): not an absolute http(s) URL, or a host
    /// that is, or resolves to, an address that is not public. Checked when a URL is saved; the connection checks
    /// again (<see cref="OutboundHandler"/>), as DNS can answer differently later.
    /// </summary>
    public static async Task<string?> RefusalAsync(string url, bool allowPrivate, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            return "Enter a valid URL (http or https).";
        }
        if (uri.UserInfo.Length > 0)
        {
            return "A URL with a user name or password is not accepted.";
        }
        if (allowPrivate)
        {
            return null;
        }
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(uri.IdnHost, ct);
        }
        catch (SocketException)
        {
            return "This host name could not be resolved.";
        }
        catch (ArgumentException)
        {
            return "Enter a valid URL (http or https).";
        }
        return addresses.Length == 0 ? "This host name could not be resolved."
            : addresses.All(IsPublic) ? null
            : "This URL points to a private, loopback or otherwise non-public address.";
    }
}
