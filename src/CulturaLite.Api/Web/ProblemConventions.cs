using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace CulturaLite.Api.Web;

/// <summary>
/// Every error is RFC 9457 problem+json carrying `detail` and `error` (the existing frontend reads
/// `error`); validation errors also carry `errors` and `details` keyed by snake_case field.
/// </summary>
public static class ProblemConventions
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Detail ??= DefaultDetail(problem.Status ?? context.HttpContext.Response.StatusCode, context.HttpContext);
        problem.Extensions["error"] = problem.Detail;
        if (problem is HttpValidationProblemDetails validation)
        {
            problem.Extensions["details"] = validation.Errors;
        }
        else if (problem.Extensions.TryGetValue("errors", out var errors))
        {
            problem.Extensions["details"] = errors;
        }
        else
        {
            problem.Extensions["details"] = problem.Detail;
        }
        problem.Type ??= TypeFor(problem.Status ?? 500);
        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Extensions.Remove("exception");
        problem.Extensions.Remove("traceId");
        problem.Extensions["trace_id"] = TraceId(context.HttpContext);
    }

    /// <summary>
    /// The request's W3C trace id: the same id the server's log lines for the request carry (the
    /// logging scope's TraceId), so a user's error report leads to its log lines.
    /// </summary>
    public static string TraceId(HttpContext? http) =>
        Activity.Current?.TraceId.ToHexString() ?? http?.TraceIdentifier ?? "";

    public static string DefaultDetail(int status, HttpContext http) => status switch
    {
        400 => "The request is invalid.",
        401 => "Authentication credentials were not provided.",
        403 => "You do not have permission to perform this action.",
        404 => "Not found.",
        405 => $"Method \"{http.Request.Method}\" not allowed.",
        406 => "Could not satisfy the request Accept header.",
        409 => "The request conflicts with the current state of the resource.",
        413 => "The request body is too large.",
        415 => $"Unsupported media type \"{http.Request.ContentType}\" in request.",
        429 => "Request was throttled.",
        503 => "The service is temporarily unavailable. Try again shortly.",
        _ => ReasonPhrases.GetReasonPhrase(status),
    };

    /// <summary>A 400 with field errors, in the shape the frontend reads.</summary>
    public static ObjectResult Validation(IDictionary<string, string[]> errors, string? detail = null)
    {
        var first = errors.FirstOrDefault();
        var problem = new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
            Detail = detail ?? (first.Value is { Length: > 0 } ? $"{first.Key}: {first.Value[0]}" : "Invalid input."),
        };
        return Result(problem);
    }

    public static ObjectResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A non-validation problem with a human sentence.</summary>
    public static ObjectResult Status(int status, string detail, string? title = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title ?? ReasonPhrases.GetReasonPhrase(status),
            Detail = detail,
        };
        return Result(problem);
    }

    /// <summary>Problems built here skip the framework's factory, so they get the same members here.</summary>
    private static ObjectResult Result(ProblemDetails problem)
    {
        problem.Type ??= TypeFor(problem.Status ?? 500);
        problem.Extensions["error"] = problem.Detail;
        problem.Extensions["details"] = problem is ValidationProblemDetails validation ? validation.Errors : problem.Detail;
        problem.Extensions["trace_id"] = TraceId(null);
        return new ObjectResult(problem) { StatusCode = problem.Status, ContentTypes = { "application/problem+json" } };
    }

    public static string TypeFor(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "about:blank",
    };

    public static ObjectResult NotFound(string detail = "Not found.") => Status(404, detail);

    public static ObjectResult Conflict(string detail) => Status(409, detail);

    /// <summary>A 409 that also carries what the client needs to decide again (e.g. the current `event`).</summary>
    public static ObjectResult Conflict(string detail, (string Name, object Value) extra)
    {
        var result = Status(409, detail);
        ((ProblemDetails)result.Value!).Extensions[extra.Name] = extra.Value;
        return result;
    }
}
