using System.Security.Cryptography;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace CulturaLite.Api.Events;

/// <summary>
/// Strong validators for cacheable public responses: an ETag from the body's hash, and 304 for a
/// matching If-None-Match (the output cache answers the same way for the responses it holds).
/// </summary>
public sealed class ETagMiddleware(RequestDelegate next)
{
    /// <summary>
    /// Pooled buffers for the bodies being hashed: a list page is about 35 KB, and a fresh growing
    /// MemoryStream allocated and copied about 128 KB for each. Blocks of 64 KB stay off the large object
    /// heap, and the pool keeps at most 8 MB free (the library's default keeps every block a burst ever
    /// needed, for good).
    /// </summary>
    internal static readonly Microsoft.IO.RecyclableMemoryStreamManager Buffers = new(new Microsoft.IO.RecyclableMemoryStreamManager.Options
    {
        BlockSize = 64 * 1024,
        MaximumSmallPoolFreeBytes = 8 * 1024 * 1024,
        MaximumLargePoolFreeBytes = 8 * 1024 * 1024,
    });

    public async Task InvokeAsync(HttpContext http)
    {
        if (!(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            || http.GetEndpoint()?.Metadata.GetMetadata<OutputCacheAttribute>() is null)
        {
            await next(http);
            return;
        }
        // What a public read shows depends on the visitor's language.
        http.Response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.Vary, "Accept-Language");
        var original = http.Response.Body;
        await using var buffer = Buffers.GetStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        if (http.Response.StatusCode == StatusCodes.Status200OK)
        {
            buffer.Position = 0;
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(buffer))[..32]}\"";
            http.Response.Headers.ETag = etag;
            if (http.Request.Headers.IfNoneMatch.ToString().Split(',').Select(t => t.Trim()).Any(t => t == etag || t == "*" || t == "W/" + etag))
            {
                http.Response.StatusCode = StatusCodes.Status304NotModified;
                http.Response.ContentLength = null;
                return;
            }
        }
        http.Response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }
}
