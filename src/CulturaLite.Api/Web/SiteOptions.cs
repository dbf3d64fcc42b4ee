namespace CulturaLite.Api.Web;

/// <summary>`Site:*` settings: what the public pages and the date filters mean for visitors.</summary>
public sealed class SiteOptions
{
    /// <summary>The IANA zone a bare date in a filter is read in (that whole day there); storage and JSON stay UTC.</summary>
    public string TimeZone { get; set; } = "Asia/Kolkata";

    /// <summary>How a vendor sees the author of a moderator's note: never an admin's email or id.</summary>
    public string ModeratorDisplayName { get; set; } = "CulturaLite moderation";

    /// <summary>The public origin share links, feeds and the sitemap use (e.g. https://culturalite.in); default the request's.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Where the frontend shows an event, with `{id}` (e.g. https://culturalite.in/events/{id}); share pages link to it.</summary>
    public string? FrontendEventUrl { get; set; }

    /// <summary>
    /// Where the frontend's account pages are (e.g. https://culturalite.in/account): emailed links then go to
    /// `{FrontendAccountUrl}/verify-email?token=` and `/reset-password?token=` instead of the backend's own pages.
    /// </summary>
    public string? FrontendAccountUrl { get; set; }

    /// <summary>The page an emailed account link opens: the frontend's when configured, else ours under `/account/`.</summary>
    public string AccountLink(HttpRequest? request, string page, string token) =>
        $"{(string.IsNullOrWhiteSpace(FrontendAccountUrl) ? (request is null ? (PublicBaseUrl ?? "").TrimEnd('/') : BaseUrl(request)) + "/account" : FrontendAccountUrl.TrimEnd('/'))}/{page}?token={Uri.EscapeDataString(token)}";

    /// <summary>The origin for links: <see cref="PublicBaseUrl"/> when set, else the request's own.</summary>
    public string BaseUrl(HttpRequest request) =>
        (string.IsNullOrWhiteSpace(PublicBaseUrl) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : PublicBaseUrl).TrimEnd('/');

    /// <summary>The origin for links made outside a request: <see cref="PublicBaseUrl"/> when set, else <paramref name="fallback"/>.</summary>
    public string BaseUrl(string fallback) => (string.IsNullOrWhiteSpace(PublicBaseUrl) ? fallback : PublicBaseUrl).TrimEnd('/');

    /// <summary>The event's share page, `{base}/e/{id}`.</summary>
    public string ShareUrl(HttpRequest request, int id) => ShareUrl(BaseUrl(request), id);

    public static string ShareUrl(string baseUrl, int id) => $"{baseUrl}/e/{id}";

    /// <summary>An organizer's public page.</summary>
    public string OrganizerUrl(HttpRequest request, string slug) => OrganizerUrl(BaseUrl(request), slug);

    public static string OrganizerUrl(string baseUrl, string slug) => $"{baseUrl}/o/{slug}";

    public static readonly string[] DefaultLanguages = ["en", "hi", "bn", "mr", "ta", "te", "kn", "ml", "gu", "pa", "or", "as", "ur"];

    /// <summary>
    /// `Site:Languages`: the languages event text may be written and read in (ISO 639-1 codes); the first
    /// is the default. Null means <see cref="DefaultLanguages"/> (a configured list replaces it, never extends it).
    /// </summary>
    public string[]? Languages { get; set; }

    public IReadOnlyList<string> EventLanguages => Languages ?? DefaultLanguages;

    public static bool AreValidLanguages(string[]? codes) => codes is null
        || (codes.Length > 0 && codes.All(c => c is { Length: 2 } && c.All(char.IsAsciiLetterLower))
            && codes.Distinct(StringComparer.Ordinal).Count() == codes.Length);

    private TimeZoneInfo? _zone;

    /// <summary>Resolved once (the lists read it on every uncached request); the id is validated at start-up.</summary>
    public TimeZoneInfo Zone => _zone ??= TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>A moment as pages show it to people here: in the site's zone, named (`20 Jan 2027, 18:30 IST`).</summary>
    public string LocalTime(DateTime utc)
    {
        var offset = Zone.GetUtcOffset(utc);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
        var name = TimeZone is "Asia/Kolkata" or "Asia/Calcutta" ? "IST"
            : offset == TimeSpan.Zero ? "UTC" : $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm}";
        return local.ToString("d MMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " " + name;
    }

    public static bool IsAbsoluteHttpUrl(string? url) => string.IsNullOrWhiteSpace(url)
        || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));

    /// <summary>The frontend's page for the event, when `Site:FrontendEventUrl` is set.</summary>
    public string? FrontendUrl(int id) => string.IsNullOrWhiteSpace(FrontendEventUrl)
        ? null
        : FrontendEventUrl.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    public static bool IsKnownZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
