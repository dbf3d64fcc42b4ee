namespace CulturaLite.Api.Media;

/// <summary>`Media:*` settings: where images go and how large they may be.</summary>
public sealed class MediaOptions
{
    public const long DefaultMaxImageBytes = 5 * 1024 * 1024;

    /// <summary>`local` (default) or `cloudinary` (also chosen when `Cloudinary:Url` is set).</summary>
    public string Storage { get; set; } = "local";
    /// <summary>The folder served under /media/ by local storage; defaults to `media` in the content root.</summary>
    public string? Root { get; set; }
    public long MaxImageBytes { get; set; } = DefaultMaxImageBytes;
    /// <summary>Largest image accepted, in pixels (phone photos reach 50 MP); refuses decompression bombs before decoding.</summary>
    public long MaxPixels { get; set; } = 64_000_000;
    public int MaxDimension { get; set; } = 1600;
    public int ThumbnailDimension { get; set; } = 400;
    /// <summary>Optional absolute base for local media URLs (e.g. https://api.example.com); else the request's own.</summary>
    public string? PublicBaseUrl { get; set; }
    /// <summary>
    /// Build local media URLs from the request's Host even with `AllowedHosts=*` outside Development:
    /// only for a server whose Host header is set by a proxy the operator controls (and for tests).
    /// </summary>
    public bool TrustRequestHost { get; set; }
}
