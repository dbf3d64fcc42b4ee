namespace CulturaLite.Api.Alerts;

/// <summary>`Push:*`: web push (RFC 8030, 8291, 8292) for the frontend's "notify me".</summary>
public sealed class PushOptions
{
    /// <summary>The VAPID public key: an uncompressed P-256 point, base64url (87 characters).</summary>
    public string? VapidPublicKey { get; set; }

    /// <summary>The VAPID private key: the P-256 scalar, base64url (43 characters).</summary>
    public string? VapidPrivateKey { get; set; }

    /// <summary>Who push services can contact about our pushes: a `mailto:` or `https:` URL.</summary>
    public string Subject { get; set; } = "mailto:alerts@culturalite.in";

    /// <summary>
    /// The hosts a push endpoint may be on: the browsers' push services. An entry `*.example.com` allows every
    /// subdomain of example.com.
    /// </summary>
    public string[]? AllowedHosts { get; set; }

    public static readonly string[] DefaultAllowedHosts =
    [
        "fcm.googleapis.com", "android.googleapis.com", "updates.push.services.mozilla.com", "push.services.mozilla.com",
        "web.push.apple.com", "*.push.apple.com", "*.notify.windows.com",
    ];

    public IReadOnlyList<string> Hosts => AllowedHosts is { Length: > 0 } hosts ? hosts : DefaultAllowedHosts;

    /// <summary>Pushes about new events one subscription gets per day (in `Site:TimeZone`); notices of followed events are not counted.</summary>
    public int MaxPerDay { get; set; } = 3;

    /// <summary>Subscriptions one push endpoint (one browser) may hold.</summary>
    public int MaxPerEndpoint { get; set; } = 50;

    public double PollSeconds { get; set; } = 5;

    public bool IsHostAllowed(string host) => Hosts.Any(h => h.StartsWith("*.", StringComparison.Ordinal)
        ? host.EndsWith(h[1..], StringComparison.OrdinalIgnoreCase) && host.Length > h.Length - 1
        : string.Equals(host, h, StringComparison.OrdinalIgnoreCase));
}
