using System.Diagnostics;
using Npgsql;

namespace CulturaLite.Api.Tests.Infrastructure;

/// <summary>A test run leaves no PostgreSQL server behind, even when the test host is killed.</summary>
[Collection(SerialCollection.Name)]
public sealed class PostgresClusterTests
{
    [SkippableFact]
    public async Task A_cluster_stops_and_is_removed_when_its_owner_process_is_killed()
    {
        Skip.If(PostgresCluster.Instance.UnavailableReason is not null, PostgresCluster.Instance.UnavailableReason);
        // Stands in for a test host: a process we can kill without ceremony.
        using var owner = Process.Start(new ProcessStartInfo("sleep", ["300"]))!;
        var cluster = PostgresCluster.StartNew(owner.Id);
        var root = Path.GetDirectoryName(cluster.DataDir)!;
        await using (var conn = new NpgsqlConnection(cluster.AdminConnectionString))
        {
            await conn.OpenAsync();
        }

        owner.Kill();
        await owner.WaitForExitAsync();

        Assert.True(await OwnedFolders.WaitGoneAsync(root, TimeSpan.FromSeconds(30)), $"{root} is still there");
        await using var again = new NpgsqlConnection(cluster.AdminConnectionString);
        await Assert.ThrowsAnyAsync<Exception>(() => again.OpenAsync());
    }
}
