using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace CulturaLite.Api.Tests.Web;

/// <summary>
/// What a failure becomes. PostgreSQL calls a deadlock or a serialization failure "transient", but for the
/// client it is a lost race (another request changed the same rows at the same moment): 409, never a 5xx.
/// The mixed soak met one (an edit or delete racing a decision: "edit 503 x1").
/// </summary>
public sealed class ExceptionClassificationTests
{
    [Theory]
    [InlineData("40P01", 409)] // deadlock_detected
    [InlineData("40001", 409)] // serialization_failure
    [InlineData("23503", 409)] // foreign_key_violation: an edit's revision for an event deleted meanwhile
    [InlineData("57P01", 503)] // admin_shutdown: the server went away
    [InlineData("08006", 503)] // connection_failure
    public void A_postgres_error_is_classified_by_its_state(string sqlState, int status)
    {
        // As Npgsql words it in production (the detail redacted, with a hint that names the connection string).
        var postgres = new PostgresException("failed", "ERROR", "ERROR", sqlState,
            detail: "Detail redacted as it may contain sensitive data. Specify 'Include Error Detail' in the connection string to include this information.");
        var error = new Microsoft.EntityFrameworkCore.DbUpdateException("save failed", postgres);

        Assert.Equal(status, ApiExceptionHandler.Classify(error, new DefaultHttpContext()).Status);
    }
}
