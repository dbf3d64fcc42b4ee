using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace CulturaLite.Api.Web;

/// <summary>
/// Brotli or gzip for every text answer (JSON, problems, HTML, RSS, iCalendar, XML, SVG, CSS) as `Accept-Encoding`
/// allows, with `Vary: Accept-Encoding`; images are never compressed again. ASP.NET Core's response compression,
/// placed inside the public cache: a cached answer is stored once per encoding (the cache varies by the encoding
/// chosen), so a hit compresses nothing, and its ETag is the hash of the bytes sent, so it differs per encoding.
/// </summary>
public static class Compression
{
    public static readonly string[] TextTypes =
    [
        "application/json", "application/problem+json", "text/html", "application/rss+xml", "text/calendar", "application/xml", "text/xml",
        "image/svg+xml", "text/css", "text/plain", "application/javascript", "text/javascript",
    ];

    public static WebApplicationBuilder AddCompression(this WebApplicationBuilder builder)
    {
        builder.Services.AddResponseCompression(o =>
        {
            // Answers that carry a secret (tokens) reflect no input of another party, so BREACH does not apply to them.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = TextTypes;
        });
        // Fastest: at the default levels Brotli costs more CPU per answer than the query behind it.
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return builder;
    }

    public static IApplicationBuilder UseCompression(this IApplicationBuilder app)
    {
        // Every answer says it varies by Accept-Encoding, even when this request asked for none (the middleware names
        // it only when it compresses), so no shared cache hands a plain copy to a client that accepts br. (On an image
        // it is true and harmless.)
        app.Use((http, next) =>
        {
            http.Response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.Vary, Microsoft.Net.Http.Headers.HeaderNames.AcceptEncoding);
            return next(http);
        });
        return app.UseResponseCompression();
    }

    /// <summary>
    /// The encoding the middleware will choose for this request (what a cached answer varies by): the accepted one of
    /// br and gzip with the highest quality (`*` stands for both when not named), br on a tie; "identity" when neither.
    /// </summary>
    public static string Chosen(HttpRequest request)
    {
        if (!Microsoft.Net.Http.Headers.StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var values))
        {
            return "identity";
        }
        double Quality(string coding) =>
            values.FirstOrDefault(v => v.Value.Equals(coding, StringComparison.OrdinalIgnoreCase)) is { } named ? named.Quality ?? 1
            : values.FirstOrDefault(v => v.Value == "*") is { } any ? any.Quality ?? 1
            : 0;
        var (br, gzip) = (Quality("br"), Quality("gzip"));
        return br > 0 && br >= gzip ? "br" : gzip > 0 ? "gzip" : "identity";
    }
}
