namespace CulturaLite.Api.Web;

/// <summary>
/// One log line for every error answer, carrying the same trace id as the problem body's `trace_id`
/// (in the message and, with scopes on, in the scope), so an error a user reports can be found.
/// </summary>
public sealed class ErrorResponseLog(RequestDelegate next, ILogger<ErrorResponseLog> logger)
{
    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            var status = http.Response.StatusCode;
            if (status >= 400)
            {
                logger.LogInformation("{Method} {Path} answered {Status} (trace {TraceId})",
                    http.Request.Method, http.Request.Path, status, ProblemConventions.TraceId(http));
            }
            return Task.CompletedTask;
        });
        return next(http);
    }
}
