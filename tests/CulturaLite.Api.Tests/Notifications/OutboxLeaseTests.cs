using System.Net;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Tests.Notifications;

/// <summary>An app instance on a given PostgreSQL database (or a new one), sending through a given SMTP server.</summary>
public sealed class SharedOutboxFactory(SmtpServer smtp, string? connection = null) : PostgresApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => smtp.AppSettings;

    protected override Task<string> CreateDatabaseAsync() =>
        connection is not null ? Task.FromResult(connection) : base.CreateDatabaseAsync();
}

/// <summary>
/// Two instances on one database and one slow mail relay (DATA answered after 5 s): the instance
/// that claimed a message holds it for the whole send, so the other never sends it again.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait("Category", "Slow")]
public sealed class OutboxLeaseTests
{
    [SkippableFact]
    public async Task Two_instances_and_a_slow_smtp_server_deliver_a_decision_email_exactly_once()
    {
        Skip.If(PostgresCluster.Instance.UnavailableReason is not null, PostgresCluster.Instance.UnavailableReason);
        var unavailable = SmtpServer.UnavailableReason;
        Skip.If(unavailable is not null, unavailable);
        using var smtp = new SmtpServer { DataDelaySeconds = 5 };
        smtp.Start();
        await using var a = new SharedOutboxFactory(smtp);
        await ((IAsyncLifetime)a).InitializeAsync();
        _ = a.Services;
        await using var b = new SharedOutboxFactory(smtp, a.ConnectionString);
        await ((IAsyncLifetime)b).InitializeAsync();
        _ = b.Services;

        var vendor = await Sessions.SignInAsync(a);
        var admin = await Sessions.SignInAsync(a, admin: true);
        int eventId;
        using (var db = a.NewDbContext(out var scope))
        {
            using (scope)
            {
                eventId = (await Seed.EventAsync(db, (await db.Users.FindAsync(vendor.Id))!, "Pune", DateTime.UtcNow.AddDays(4), status: "pending")).Id;
            }
        }
        var approve = await admin.Client.PostAsync($"/api/admin/events/{eventId}/approve/", ApiTest.Body(new { version = 1 }));
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);

        // Both instances poll every 0.2 s with a 0.3 s retry base: a claim shorter than the 5 s send
        // would let the second instance send the same message again.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (smtp.Messages().Length == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        Assert.Single(smtp.Messages());
        // Give a second sender every chance to finish its own copy (another full DATA delay and more).
        var settle = DateTime.UtcNow.AddSeconds(8);
        while (DateTime.UtcNow < settle)
        {
            Assert.Single(smtp.Messages());
            await Task.Delay(250);
        }
        using (var db = b.NewDbContext(out var scope))
        {
            using (scope)
            {
                var mail = await db.OutboxEmails.AsNoTracking().SingleAsync(m => m.To == vendor.Email);
                Assert.NotNull(mail.SentAt);
                Assert.Equal(1, mail.Attempts);
            }
        }
    }
}
