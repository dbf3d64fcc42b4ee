using CulturaLite.Api.Data;
using CulturaLite.Api.Importing;

namespace CulturaLite.Api.Commands;

/// <summary>
/// `import-django --from postgres://user:pass@host:port/db [--dry-run]`: copies a database of the Django
/// backend into this one (<see cref="DjangoImport"/>). Exit status 0 when nothing was left behind, 1 when
/// rows were left behind (listed with the reason), 2 when the source cannot be read at all.
/// </summary>
public static class ImportDjangoCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, Dictionary<string, string> options, TextWriter output, CancellationToken ct = default)
    {
        if (!options.TryGetValue("from", out var from) || from is "" or "true")
        {
            throw new CommandException("import-django needs --from postgres://user:password@host:5432/database (the Django backend's database).");
        }
        var dryRun = options.ContainsKey("dry-run");
        await using var source = await DjangoSource.OpenAsync(from, ct);
        await using var scope = services.CreateAsyncScope();
        var import = new DjangoImport(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<TimeProvider>(),
            scope.ServiceProvider.GetRequiredService<Moderation.AuditLog>(), output);
        try
        {
            var report = await import.RunAsync(source, dryRun, ct);
            return report.Complete ? 0 : 1;
        }
        catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException or TimeoutException)
        {
            // Each batch is one transaction: what was committed stays mapped, the failed batch left nothing.
            throw new CommandException($"The import stopped: {(e.InnerException ?? e).Message} "
                + "Every batch before this one is saved and mapped; run the same command again to complete it "
                + "(if another import-django was running at the same time, wait for it first).");
        }
    }
}
