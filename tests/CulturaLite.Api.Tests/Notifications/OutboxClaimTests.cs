using CulturaLite.Api.Data;
using CulturaLite.Api.Notifications;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CulturaLite.Api.Tests.Notifications;

/// <summary>Senders that read the same message race to claim it: exactly one wins, on each database.</summary>
public abstract class OutboxClaimTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : OutboxClaimTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : OutboxClaimTests(f), IClassFixture<PostgresApiFactory>;

    [SkippableFact]
    public async Task Of_eight_senders_that_read_one_message_exactly_one_claims_it()
    {
        _ = Client();
        var id = await WithDb(async db =>
        {
            // Due in an hour: the application's own sender, running in this host, must not claim it first (it
            // did once, and then none of the eight won). ClaimAsync itself does not look at the due time.
            var message = OutboxEmail.Create("claim@example.com", "s", "b", "example.com", DateTime.UtcNow.AddHours(1));
            db.OutboxEmails.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });
        var scopes = Enumerable.Range(0, 8).Select(_ => Factory.Services.CreateScope()).ToList();
        try
        {
            var contexts = scopes.Select(s => s.ServiceProvider.GetRequiredService<AppDbContext>()).ToList();
            // Every sender reads the message first, as each instance's pass does.
            var seen = new List<OutboxEmail>();
            foreach (var db in contexts)
            {
                seen.Add(await db.OutboxEmails.AsNoTracking().SingleAsync(m => m.Id == id));
            }
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var claims = contexts.Select((db, i) => Task.Run(async () =>
            {
                await gate.Task;
                return await OutboxSender.ClaimAsync(db, seen[i], DateTime.UtcNow.AddMinutes(1), CancellationToken.None);
            })).ToList();
            gate.SetResult();
            var won = await Task.WhenAll(claims);

            Assert.Equal(1, won.Count(w => w));
            Assert.Equal(1, await WithDb(db => db.OutboxEmails.AsNoTracking().Where(m => m.Id == id).Select(m => m.Attempts).SingleAsync()));
            // A sender whose read is older than the claim loses even when it comes last, alone.
            Assert.False(await OutboxSender.ClaimAsync(contexts[0], seen[0], DateTime.UtcNow.AddMinutes(1), CancellationToken.None));
        }
        finally
        {
            scopes.ForEach(s => s.Dispose());
        }
    }
}
