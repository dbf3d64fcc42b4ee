using System.Data.Common;
using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Web;

/// <summary>
/// The one place where failures become problems: bad request bodies are the client's (4xx), a
/// lost race is a 409, an unreachable database a 503, and anything else a 500 that is logged but
/// never shows its insides.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, detail) = Classify(exception, http);
        if (status >= 500 && status != 503)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
        }
        else if (status == 503)
        {
            logger.LogWarning("Database unavailable on {Method} {Path}: {Message}", http.Request.Method, http.Request.Path, exception.Message);
            http.Response.Headers.RetryAfter = "5";
        }
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = null,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail, Title = ReasonTitle(status) },
        });
    }

    private static string ReasonTitle(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    public static (int Status, string Detail) Classify(Exception exception, HttpContext http)
    {
        switch (exception)
        {
            case BadHttpRequestException bad:
                return (bad.StatusCode, bad.StatusCode == 413 ? "The request body is too large." : "The request could not be read.");
            case InvalidDataException:
                return (400, "The request body is malformed.");
            case DbUpdateConcurrencyException:
                return (409, "The resource was changed by another request. Reload it and try again.");
            case OperationCanceledException when http.RequestAborted.IsCancellationRequested:
                return (400, "The request was cancelled.");
            case Media.ImageStorageException or HttpRequestException:
                return (503, "The image store is not reachable right now. Try again shortly.");
        }
        if (IsLostRace(exception))
        {
            return (409, "The resource was changed by another request at the same time. Reload it and try again.");
        }
        if (IsDatabaseUnavailable(exception))
        {
            return (503, "The service is temporarily unavailable. Try again shortly.");
        }
        if (exception is DbUpdateException)
        {
            return (409, "The change conflicts with existing data.");
        }
        return (500, "A server error occurred.");
    }

    /// <summary>
    /// A deadlock or serialization failure (PostgreSQL calls them transient): two requests changed the same
    /// rows at the same moment and the database chose one; for the other it is a conflict, not an outage.
    /// </summary>
    public static bool IsLostRace(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.PostgresException { SqlState: "40P01" or "40001" })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True for connection failures and timeouts, at any depth of the exception chain.</summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SocketException or TimeoutException:
                    return true;
                case Npgsql.NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case Npgsql.PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                                                     || pg.SqlState.StartsWith("57P", StringComparison.Ordinal):
                    return true;
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }: // busy, locked
                    return true;
                case InvalidOperationException when e.Message.Contains("transient failure", StringComparison.OrdinalIgnoreCase):
                    return true;
                // A client-side failure that names the connection. Not a server's error: PostgreSQL's own messages
                // (a constraint, with "Specify 'Include Error Detail' in the connection string") are answers, not outages.
                case DbException when e is not Npgsql.PostgresException && e.Message.Contains("connect", StringComparison.OrdinalIgnoreCase):
                    return true;
            }
        }
        return false;
    }
}
