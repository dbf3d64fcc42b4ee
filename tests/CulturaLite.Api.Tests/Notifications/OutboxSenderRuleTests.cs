using System.Diagnostics;
using CulturaLite.Api.Notifications;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace CulturaLite.Api.Tests.Notifications;

/// <summary>The wake-up signal and the lease: rules without a database.</summary>
public sealed class OutboxRuleTests
{
    [Fact]
    public async Task A_wake_is_kept_until_the_sender_waits_and_many_wakes_make_one()
    {
        var signal = new OutboxSignal();
        Assert.False(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
        signal.Wake();
        signal.Wake();
        signal.Wake();
        Assert.True(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.False(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
        signal.Wake();
        Assert.True(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }

    [Theory]
    [InlineData(15, 55)]
    [InlineData(2, 16)]
    [InlineData(1, 13)]
    [InlineData(0, 13)]
    public void A_claim_holds_for_three_smtp_timeouts_and_two_margins(int timeoutSeconds, int leaseSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(leaseSeconds), OutboxSender.Lease(new EmailOptions { Smtp = { TimeoutSeconds = timeoutSeconds } }));
}

/// <summary>
/// One <see cref="OutboxSender"/> made by the test, on the class's own database, with its own clock (in 2031, where the
/// application's own sender, on the wall clock, finds nothing due), its own signal and log: which messages a pass takes,
/// what a success and a failure leave behind, the cut-off before the lease ends, the pickup folder, SMTP security and
/// credentials (against <see cref="ScriptedSmtpServer"/>), and the loop of passes.
/// </summary>
public abstract class OutboxSenderRuleTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : OutboxSenderRuleTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : OutboxSenderRuleTests(f), IClassFixture<PostgresApiFactory>;

    private static readonly DateTime Start = new(2031, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Start));
    private readonly OutboxSignal _signal = new();
    private readonly LogCapture _log = new();

    private OutboxSender Sender(EmailOptions options, IServiceScopeFactory? scopes = null) =>
        new(scopes ?? Factory.Services.GetRequiredService<IServiceScopeFactory>(), _signal, Microsoft.Extensions.Options.Options.Create(options), _clock,
            LoggerFactory.Create(b => b.AddProvider(_log)).CreateLogger<OutboxSender>());

    private static EmailOptions PickupOptions(string folder) => new() { PickupDirectory = folder, MaxAttempts = 3, RetryBaseSeconds = 7 };

    private static EmailOptions SmtpOptions(ScriptedSmtpServer server, int timeoutSeconds = 5, string security = "auto", string? username = null, string? password = null) => new()
    {
        Smtp = { Host = "127.0.0.1", Port = server.Port, TimeoutSeconds = timeoutSeconds, Security = security, Username = username, Password = password },
        RetryBaseSeconds = 7,
    };

    /// <summary>An empty outbox: each test sees only its own messages.</summary>
    private Task EmptyAsync()
    {
        _ = Client();
        return WithDb(db => db.OutboxEmails.ExecuteDeleteAsync());
    }

    private Task<long> QueueAsync(DateTime? due = null, int attempts = 0, bool sent = false, string to = "vendor@example.com", string body = "Your event was approved.") =>
        WithDb(async db =>
        {
            var message = OutboxEmail.Create(to, "Decision", body, "culturalite.test", due ?? Start);
            db.OutboxEmails.Add(message);
            await db.SaveChangesAsync();
            if (attempts > 0 || sent)
            {
                await db.OutboxEmails.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.SentAt, sent ? Start : null));
            }
            return message.Id;
        });

    private Task<OutboxEmail> ReadAsync(long id) => WithDb(db => db.OutboxEmails.AsNoTracking().SingleAsync(m => m.Id == id));

    private Task<List<long>> SentAsync() => WithDb(db => db.OutboxEmails.AsNoTracking().Where(m => m.SentAt != null).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync());

    [SkippableFact]
    public async Task A_pass_takes_the_oldest_twenty_of_the_due_unsent_messages_with_attempts_left()
    {
        await EmptyAsync();
        var due = new List<long>();
        for (var i = 0; i < 22; i++)
        {
            due.Add(await QueueAsync(due: Start.AddMinutes(-30 + i)));
        }
        var dueNow = await QueueAsync(due: Start);
        var later = await QueueAsync(due: Start.AddSeconds(1));
        var sent = await QueueAsync(sent: true);
        var exhausted = await QueueAsync(attempts: 3);
        var sender = Sender(PickupOptions(TestScratch.Folder("pickup")));

        Assert.Equal(OutboxSender.BatchSize, await sender.SendDueAsync(default));
        Assert.Equal(due.Take(20).Concat([sent]).Order(), await SentAsync());

        Assert.Equal(3, await sender.SendDueAsync(default));
        Assert.Equal(due.Concat([dueNow, sent]).Order(), await SentAsync());
        Assert.Equal(0, await sender.SendDueAsync(default));
        Assert.Equal(0, (await ReadAsync(later)).Attempts);
        Assert.Equal(0, (await ReadAsync(sent)).Attempts);
        Assert.Equal(3, (await ReadAsync(exhausted)).Attempts);
        Assert.Null((await ReadAsync(exhausted)).SentAt);
    }

    [SkippableFact]
    public async Task An_alerts_unsubscribe_headers_go_out_with_the_message()
    {
        await EmptyAsync();
        var folder = TestScratch.Folder("pickup");
        var id = await WithDb(async db =>
        {
            var message = OutboxEmail.Create("fan@example.com", "3 new events", "Hello", "culturalite.test", Start, new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = "<https://culturalite.in/s/unsubscribe?token=abc>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            });
            db.OutboxEmails.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });
        var message = await ReadAsync(id);

        Assert.Equal(1, await Sender(PickupOptions(folder)).SendDueAsync(default));

        var mime = await MimeMessage.LoadAsync(Path.Combine(folder, message.MessageId.Replace('@', '_') + ".eml"));
        Assert.Equal("<https://culturalite.in/s/unsubscribe?token=abc>", mime.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", mime.Headers["List-Unsubscribe-Post"]);
    }

    [SkippableFact]
    public async Task A_message_lands_whole_in_the_pickup_folder_replacing_an_earlier_copy_and_keeps_its_lease_time()
    {
        await EmptyAsync();
        var folder = Path.Combine(TestScratch.Folder("pickup"), "not", "there", "yet");
        var id = await QueueAsync(to: "asha@example.com", body: "Namaste Asha,\nyour event is live.");
        var message = await ReadAsync(id);
        var path = Path.Combine(folder, message.MessageId.Replace('@', '_') + ".eml");
        var options = PickupOptions(folder);
        var sender = Sender(options);

        Assert.Equal(1, await sender.SendDueAsync(default));

        var mime = await MimeMessage.LoadAsync(path);
        Assert.Equal("Decision", mime.Subject);
        Assert.Equal(message.MessageId, mime.MessageId);
        Assert.Equal("asha@example.com", mime.To.Mailboxes.Single().Address);
        Assert.Equal("no-reply@culturalite.local", mime.From.Mailboxes.Single().Address);
        Assert.Equal(new DateTimeOffset(Start), mime.Date);
        Assert.Equal("text/plain", mime.Body!.ContentType.MimeType);
        Assert.Equal("Namaste Asha,\nyour event is live.", (mime.TextBody ?? "").ReplaceLineEndings("\n").TrimEnd('\n'));
        Assert.Equal([path], Directory.GetFiles(folder));
        var saved = await ReadAsync(id);
        Assert.Equal(Start, saved.SentAt);
        Assert.Null(saved.LastError);
        Assert.Equal(1, saved.Attempts);
        Assert.Equal(Start + OutboxSender.Lease(options), saved.NextAttemptAt);

        // A crash between writing and marking sends the message again: the second copy replaces the first.
        await WithDb(db => db.OutboxEmails.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, (DateTime?)null).SetProperty(m => m.NextAttemptAt, Start)));
        await File.WriteAllTextAsync(path, "an earlier, broken copy");
        Assert.Equal(1, await sender.SendDueAsync(default));
        Assert.Equal(message.MessageId, (await MimeMessage.LoadAsync(path)).MessageId);
        Assert.Equal(Start, (await ReadAsync(id)).SentAt);
    }

    [SkippableFact]
    public async Task A_refused_message_keeps_the_first_1000_characters_of_the_error_and_backs_off_doubling()
    {
        await EmptyAsync();
        var refusal = string.Join("\r\n", "550-5.1.1 " + new string('a', 600), "550-5.1.1 " + new string('b', 600), "550 5.1.1 No such mailbox");
        await using var server = new ScriptedSmtpServer(recipientReply: refusal);
        var id = await QueueAsync();
        var sender = Sender(SmtpOptions(server));

        Assert.Equal(1, await sender.SendDueAsync(default));

        var first = await ReadAsync(id);
        Assert.Null(first.SentAt);
        Assert.Equal(1, first.Attempts);
        Assert.Equal(1000, first.LastError!.Length);
        Assert.StartsWith("5.1.1 aaaa", first.LastError);
        Assert.Equal(Start + TimeSpan.FromSeconds(7), first.NextAttemptAt);
        var line = Assert.Single(_log.Lines);
        Assert.StartsWith("Warning ", line);
        Assert.Contains($"Email {first.MessageId} to vendor@example.com failed (attempt 1): 5.1.1 aaaa", line);

        _clock.Advance(TimeSpan.FromSeconds(7));
        Assert.Equal(1, await sender.SendDueAsync(default));
        var second = await ReadAsync(id);
        Assert.Equal(2, second.Attempts);
        Assert.Equal(Start + TimeSpan.FromSeconds(7 + 14), second.NextAttemptAt);
        Assert.Contains("failed (attempt 2)", _log.Lines.Last());
        Assert.Empty(server.Messages);
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public async Task A_server_that_never_finishes_its_greeting_is_cut_off_before_the_lease_ends()
    {
        await EmptyAsync();
        await using var server = new ScriptedSmtpServer(ScriptedSmtpServer.Greeting.Trickle);
        var id = await QueueAsync();
        var options = SmtpOptions(server, timeoutSeconds: 1);
        var watch = Stopwatch.StartNew();

        // Each byte comes well within the timeout, so only the cut-off ends the send: at the lease less its margin.
        Assert.Equal(1, await Sender(options).SendDueAsync(default).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.True(watch.Elapsed < OutboxSender.Lease(options), $"took {watch.Elapsed}, lease {OutboxSender.Lease(options)}");
        var message = await ReadAsync(id);
        Assert.Null(message.SentAt);
        Assert.NotNull(message.LastError);
        Assert.Equal(Start + TimeSpan.FromSeconds(7), message.NextAttemptAt);
    }

    [SkippableFact]
    public async Task A_silent_server_fails_the_attempt_after_the_smtp_timeout_and_a_stop_mid_send_records_nothing()
    {
        await EmptyAsync();
        await using var server = new ScriptedSmtpServer(ScriptedSmtpServer.Greeting.Silent);
        var id = await QueueAsync();

        Assert.Equal(1, await Sender(SmtpOptions(server, timeoutSeconds: 1)).SendDueAsync(default).WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("timed out", (await ReadAsync(id)).LastError, StringComparison.OrdinalIgnoreCase);

        // The host stopping is not the message's failure: the attempt stays counted, with no error and no back-off.
        await WithDb(db => db.OutboxEmails.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.LastError, (string?)null).SetProperty(m => m.NextAttemptAt, Start)));
        var options = SmtpOptions(server, timeoutSeconds: 30);
        using var stopping = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sender(options).SendDueAsync(stopping.Token));
        var stopped = await ReadAsync(id);
        Assert.Null(stopped.LastError);
        Assert.Equal(2, stopped.Attempts);
        Assert.Equal(Start + OutboxSender.Lease(options), stopped.NextAttemptAt);
    }

    [SkippableFact]
    public async Task Security_settings_are_obeyed_and_credentials_go_only_where_allowed()
    {
        await EmptyAsync();
        await using var server = new ScriptedSmtpServer(offerAuth: true);

        async Task<OutboxEmail> SendAsync(EmailOptions options)
        {
            var id = await QueueAsync();
            await Sender(options).SendDueAsync(default);
            return await ReadAsync(id);
        }

        // No credentials: sent over a plain connection, no AUTH, and a polite QUIT.
        var plain = await SendAsync(SmtpOptions(server));
        Assert.NotNull(plain.SentAt);
        Assert.DoesNotContain(server.Commands, c => c.StartsWith("AUTH", StringComparison.Ordinal));
        Assert.Equal("QUIT", server.Commands.Last());
        Assert.Single(server.Messages);

        // Credentials over a connection without TLS: refused before AUTH, unless security is "none".
        var refused = await SendAsync(SmtpOptions(server, username: "mailer", password: "s3cret-smtp-pass"));
        Assert.Null(refused.SentAt);
        Assert.Contains("no TLS", refused.LastError);
        Assert.DoesNotContain(server.Commands, c => c.StartsWith("AUTH", StringComparison.Ordinal));
        var allowed = await SendAsync(SmtpOptions(server, security: "none", username: "mailer", password: "s3cret-smtp-pass"));
        Assert.NotNull(allowed.SentAt);
        Assert.Contains("AUTH mailer s3cret-smtp-pass", server.Commands);
        var noPassword = await SendAsync(SmtpOptions(server, security: "none", username: "mailer"));
        Assert.NotNull(noPassword.SentAt);
        Assert.Contains("AUTH mailer ", server.Commands);

        // STARTTLS or TLS demanded of a server without them: not sent.
        var starttls = await SendAsync(SmtpOptions(server, security: "starttls"));
        Assert.Null(starttls.SentAt);
        Assert.Contains("STARTTLS", starttls.LastError);
        var ssl = await SendAsync(SmtpOptions(server, security: "ssl"));
        Assert.Null(ssl.SentAt);
        Assert.NotNull(ssl.LastError);
        Assert.Equal(3, server.Messages.Count);
    }

    /// <summary>
    /// Scopes whose context runs <paramref name="meanwhile"/> once, right after the pass has read the due messages: another
    /// instance claims them between this one's read and its claim.
    /// </summary>
    private sealed class ClaimedMeanwhile(IServiceProvider root, Func<Task> meanwhile) : IServiceScopeFactory
    {
        private readonly Interceptor _interceptor = new(meanwhile);

        public IServiceScope CreateScope() => new Scope(root.CreateScope(), _interceptor);

        private sealed class Interceptor(Func<Task> meanwhile) : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
        {
            private int _done;

            public override async ValueTask<System.Data.Common.DbDataReader> ReaderExecutedAsync(System.Data.Common.DbCommand command,
                Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData eventData, System.Data.Common.DbDataReader result, CancellationToken cancellationToken = default)
            {
                if (command.CommandText.Contains("notifications_email_outbox", StringComparison.Ordinal) && Interlocked.Exchange(ref _done, 1) == 0)
                {
                    await meanwhile();
                }
                return result;
            }
        }

        private sealed class Scope(IServiceScope inner, Interceptor interceptor) : IServiceScope, IServiceProvider
        {
            private Api.Data.AppDbContext? _db;

            public IServiceProvider ServiceProvider => this;

            public object? GetService(Type serviceType) =>
                serviceType == typeof(Api.Data.AppDbContext) ? _db ??= InterceptedContext.Create(inner.ServiceProvider, interceptor) : inner.ServiceProvider.GetService(serviceType);

            public void Dispose()
            {
                _db?.Dispose();
                inner.Dispose();
            }
        }
    }

    [SkippableFact]
    public async Task A_message_another_sender_claimed_after_this_pass_read_it_is_left_to_that_sender()
    {
        await EmptyAsync();
        var id = await QueueAsync();
        var folder = TestScratch.Folder("pickup");
        var sender = Sender(PickupOptions(folder), new ClaimedMeanwhile(Factory.Services, () => WithDb(db =>
            db.OutboxEmails.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, m => m.Attempts + 1)))));

        Assert.Equal(1, await sender.SendDueAsync(default));

        var message = await ReadAsync(id);
        Assert.Null(message.SentAt);
        Assert.Equal(1, message.Attempts);
        Assert.False(Directory.Exists(folder) && Directory.EnumerateFiles(folder).Any());
    }

    /// <summary>Fails the first scope it is asked for, as a pass fails while the database restarts.</summary>
    private sealed class FailingOnce(IServiceScopeFactory inner) : IServiceScopeFactory
    {
        private int _calls;

        public IServiceScope CreateScope() =>
            Interlocked.Increment(ref _calls) == 1 ? throw new InvalidOperationException("the database is restarting") : inner.CreateScope();
    }

    private async Task UntilAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "not within 20 s: " + what);
            await Task.Delay(100);
        }
    }

    [SkippableFact]
    public async Task The_sender_runs_passes_while_they_are_full_then_sleeps_until_woken_or_polled()
    {
        await EmptyAsync();
        var first = new List<long>();
        for (var i = 0; i < 45; i++)
        {
            first.Add(await QueueAsync());
        }
        var options = PickupOptions(TestScratch.Folder("pickup"));
        options.PollSeconds = 3600;
        var sender = Sender(options);
        await sender.StartAsync(default);
        try
        {
            // 20, 20 and 5: the loop goes on after a full pass without waiting for the poll.
            await UntilAsync(async () => (await SentAsync()).Count == 45, "45 sent");

            var quiet = await QueueAsync();
            await Task.Delay(1500);
            Assert.Null((await ReadAsync(quiet)).SentAt);
            _signal.Wake();
            await UntilAsync(async () => (await ReadAsync(quiet)).SentAt is not null, "sent once woken");
        }
        finally
        {
            await sender.StopAsync(default);
        }
        Assert.True(sender.ExecuteTask!.IsCompletedSuccessfully);
    }

    [SkippableFact]
    public async Task A_failed_pass_is_logged_and_the_next_one_runs()
    {
        await EmptyAsync();
        var options = PickupOptions(TestScratch.Folder("pickup"));
        options.PollSeconds = 3600;
        var sender = Sender(options, new FailingOnce(Factory.Services.GetRequiredService<IServiceScopeFactory>()));
        await sender.StartAsync(default);
        try
        {
            await UntilAsync(() => Task.FromResult(_log.Lines.Any(l => l.StartsWith("Warning ", StringComparison.Ordinal)
                && l.Contains("Email outbox pass failed: the database is restarting"))), "the failed pass logged");
            var id = await QueueAsync();
            _signal.Wake();
            await UntilAsync(async () => (await ReadAsync(id)).SentAt is not null, "sent by the next pass");
        }
        finally
        {
            await sender.StopAsync(default);
        }
    }
}
