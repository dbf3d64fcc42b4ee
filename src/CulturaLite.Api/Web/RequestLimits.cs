using Microsoft.AspNetCore.Http.Features;

namespace CulturaLite.Api.Web;

public sealed class RequestLimitOptions
{
    /// <summary>The largest request body accepted (bytes); set from the image limit plus room for the form.</summary>
    public long MaxBodyBytes { get; set; } = 6 * 1024 * 1024;
}

/// <summary>
/// Refuses an oversized body with 413 before anything reads it: by its declared length at once,
/// and by the server's own limit for a chunked body.
/// </summary>
public sealed class BodySizeLimitMiddleware(RequestDelegate next, Microsoft.Extensions.Options.IOptions<RequestLimitOptions> options)
{
    public Task InvokeAsync(HttpContext http)
    {
        var limit = options.Value.MaxBodyBytes;
        if (http.Request.ContentLength > limit)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = 413, Title = "Payload Too Large", Detail = $"The request body is too large (at most {limit} bytes)." },
            }).AsTask();
        }
        var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }
        return next(http);
    }
}

/// <summary>When the request reached the service, taken before any work is done for it.</summary>
public sealed record RequestArrival(DateTime At);
