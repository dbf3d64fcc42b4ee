namespace CulturaLite.Api.Web;

/// <summary>`Site:*` settings: what the public pages and the date filters mean for visitors.</summary>
public sealed class SiteOptions
{
    /// <summary>The IANA zone a bare date in a filter is read in (that whole day there); storage and JSON stay UTC.</summary>
    public string TimeZone { get; set; } = "Asia/Kolkata";

    private TimeZoneInfo? _zone;

    /// <summary>Resolved once (the lists read it on every uncached request); the id is validated at start-up.</summary>
    public TimeZoneInfo Zone => _zone ??= TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public static bool IsKnownZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
