namespace CulturaLite.Api.Outbound;

/// <summary>`Outbound:*`: the rules for every request the server makes (webhooks, push, imports).</summary>
public sealed class OutboundOptions
{
    /// <summary>Lets requests reach loopback and private addresses: for tests and private deployments only.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>The whole request, connection to the last byte of the answer.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    public int MaxRedirects { get; set; } = 3;
}
