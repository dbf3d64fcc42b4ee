using System.Net;

namespace CulturaLite.Api.Operations;

/// <summary>`Metrics:*`: whether `/metrics` answers, and to which client networks.</summary>
public sealed class MetricsOptions
{
    public bool Enabled { get; set; }

    /// <summary>CIDR networks (or single addresses) allowed to scrape; empty means loopback only.</summary>
    public string[] AllowedNetworks { get; set; } = [];

    private static readonly string[] Loopback = ["127.0.0.0/8", "::1/128"];

    /// <summary>The parsed networks; throws naming the setting when one is not a network.</summary>
    public IReadOnlyList<IPNetwork> Networks()
    {
        var networks = new List<IPNetwork>();
        foreach (var text in (AllowedNetworks.Length == 0 ? Loopback : AllowedNetworks).SelectMany(n => n.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (IPNetwork.TryParse(text, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(text, out var address))
            {
                networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                throw new Web.SettingException($"Metrics:AllowedNetworks: '{text}' is not a network (use CIDR such as 10.0.0.0/8, or an address).");
            }
        }
        return networks;
    }

    public static bool Allows(IReadOnlyList<IPNetwork> networks, IPAddress? remote)
    {
        if (remote is null)
        {
            return false;
        }
        var address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        return networks.Any(n => n.Contains(address));
    }
}
