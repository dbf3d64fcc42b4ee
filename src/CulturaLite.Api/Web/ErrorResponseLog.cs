namespace CulturaLite.Api.Web;

/// <summary>
/// One log line for every error answer, carrying the same trace id as the problem body's `trace_id`
/// (in the message and, with scopes on, in the scope), so an error a user reports can be found.
/// It also tells the idle memory trim that the server is busy. Runs after the request (no callback
/// is registered per request: this sits on the cached hot path).
/// </summary>
public sealed class ErrorResponseLog(RequestDelegate next, IdleMemoryTrim idle, ILogger<ErrorResponseLog> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        idle.Touch();
        await next(http);
        var status = http.Response.StatusCode;
        if (status >= 400)
        {
            logger.LogInformation("{Method} {Path} answered {Status} (trace {TraceId})",
                http.Request.Method, http.Request.Path, status, ProblemConventions.TraceId(http));
        }
    }
}
