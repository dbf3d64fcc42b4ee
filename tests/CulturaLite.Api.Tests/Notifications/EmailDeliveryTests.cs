using System.Net;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Tests.Notifications;

public sealed class SmtpSqliteFactory : SqliteApiFactory
{
    public SmtpServer Smtp { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => Smtp.AppSettings;

    public override async ValueTask DisposeAsync()
    {
        Smtp.Dispose();
        await base.DisposeAsync();
    }
}

public sealed class SmtpPostgresFactory : PostgresApiFactory
{
    public SmtpServer Smtp { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => Smtp.AppSettings;

    public override async ValueTask DisposeAsync()
    {
        Smtp.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>Decision emails go through the outbox to a real SMTP server, survive its outage, and are sent once.</summary>
public abstract class EmailDeliveryTests(ApiFactory factory, SmtpServer smtp) : ApiTest(factory)
{
    public sealed class Sqlite(SmtpSqliteFactory f) : EmailDeliveryTests(f, f.Smtp), IClassFixture<SmtpSqliteFactory>;

    public sealed class Postgres(SmtpPostgresFactory f) : EmailDeliveryTests(f, f.Smtp), IClassFixture<SmtpPostgresFactory>;

    [SkippableFact]
    public async Task An_email_queued_while_smtp_is_down_is_delivered_once_when_it_comes_back()
    {
        _ = Client();
        var unavailable = SmtpServer.UnavailableReason;
        Skip.If(unavailable is not null, unavailable);
        var vendor = await Sessions.SignInAsync(Factory);
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        var e = await WithDb(async db => await Seed.EventAsync(db, (await db.Users.FindAsync(vendor.Id))!, "Pune", DateTime.UtcNow.AddDays(4), status: "pending", title: "Ganesh Utsav"));

        var approve = await DecideAsync(admin.Client, e.Id, "approve");
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);

        // SMTP is down: the message waits, with its failed attempts recorded.
        var failing = await WaitForAsync(async () =>
        {
            var m = await WithDb(db => db.OutboxEmails.AsNoTracking().SingleAsync(x => x.To == vendor.Email));
            return m.Attempts >= 2 && m.LastError is not null ? m : null;
        }, TimeSpan.FromSeconds(20));
        Assert.Null(failing.SentAt);

        smtp.Start();
        var upAt = DateTime.UtcNow;
        string? lastError = null;
        var sent = await WaitForAsync(async () =>
        {
            var m = await WithDb(db => db.OutboxEmails.AsNoTracking().SingleAsync(x => x.To == vendor.Email));
            lastError = $"attempts {m.Attempts}, next {m.NextAttemptAt:O}, error {m.LastError}";
            return m.SentAt is not null ? m : null;
        }, TimeSpan.FromSeconds(30), () => lastError);

        await WaitForAsync(() => Task.FromResult<string?>(smtp.Messages().FirstOrDefault(m => m.Contains(sent.MessageId))), TimeSpan.FromSeconds(10));
        var delivered = smtp.Messages().Where(m => m.Contains(sent.MessageId)).ToList();
        Assert.Single(delivered);
        Assert.Contains("Ganesh Utsav", delivered[0]);
        Assert.Contains(vendor.Email, delivered[0]);
        Assert.Null(sent.LastError);
        Console.WriteLine($"smtp outage on {Database}: {failing.Attempts} failed attempts while down, delivered {(sent.SentAt!.Value - upAt).TotalSeconds:F1} s after the server came up, {delivered.Count} copy received");
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, Func<string?>? state = null) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the condition did not hold in time: " + state?.Invoke());
            }
            await Task.Delay(200);
        }
    }
}

public abstract class EmailPickupTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : EmailPickupTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : EmailPickupTests(f), IClassFixture<PostgresApiFactory>;

    [SkippableFact]
    public async Task Without_an_smtp_host_decision_emails_land_in_the_pickup_folder()
    {
        _ = Client();
        var vendor = await Sessions.SignInAsync(Factory);
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        var e = await WithDb(async db => await Seed.EventAsync(db, (await db.Users.FindAsync(vendor.Id))!, "Pune", DateTime.UtcNow.AddDays(4), status: "pending", title: "Navratri Garba"));

        await DecideAsync(admin.Client, e.Id, "reject", "Add the venue.");

        var deadline = DateTime.UtcNow.AddSeconds(20);
        string[] files = [];
        while (DateTime.UtcNow < deadline)
        {
            files = Directory.Exists(Factory.MailPickup)
                ? Directory.GetFiles(Factory.MailPickup, "*.eml").Where(f => File.ReadAllText(f).Contains(vendor.Email)).ToArray()
                : [];
            if (files.Length > 0)
            {
                break;
            }
            await Task.Delay(200);
        }
        var mail = File.ReadAllText(Assert.Single(files));
        Assert.Contains("Navratri Garba", mail);
        Assert.Contains("Add the venue.", mail);
        Assert.Contains("Message-Id:", mail, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class CredentialSmtpFactory : SqliteApiFactory
{
    public SmtpServer Smtp { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        Smtp.AppSettings.Concat([new("Email:Smtp:Username", "mailer"), new("Email:Smtp:Password", "s3cret-smtp-pass")]);

    public override async ValueTask DisposeAsync()
    {
        Smtp.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>SMTP credentials never travel over a connection without TLS unless `Email:Smtp:Security=none` says so.</summary>
public sealed class SmtpCredentialTests(CredentialSmtpFactory factory) : ApiTest(factory), IClassFixture<CredentialSmtpFactory>
{
    [SkippableFact]
    public async Task Credentials_are_not_sent_to_a_server_without_tls()
    {
        _ = Client();
        var unavailable = SmtpServer.UnavailableReason;
        Skip.If(unavailable is not null, unavailable);
        var smtp = ((CredentialSmtpFactory)Factory).Smtp;
        smtp.Start();
        var vendor = await Sessions.SignInAsync(Factory);
        var admin = await Sessions.SignInAsync(Factory, admin: true);
        var e = await WithDb(async db => await Seed.EventAsync(db, (await db.Users.FindAsync(vendor.Id))!, "Pune", DateTime.UtcNow.AddDays(4), status: "pending"));

        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, e.Id, "approve")).StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        CulturaLite.Api.Notifications.OutboxEmail? mail = null;
        while (DateTime.UtcNow < deadline && mail?.LastError is null)
        {
            mail = await WithDb(db => db.OutboxEmails.AsNoTracking().SingleAsync(m => m.To == vendor.Email));
            await Task.Delay(100);
        }
        Assert.Contains("no TLS", mail!.LastError);
        Assert.Null(mail.SentAt);
        Assert.Empty(smtp.Messages());
    }
}
