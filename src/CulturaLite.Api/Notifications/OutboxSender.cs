using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace CulturaLite.Api.Notifications;

/// <summary>Lets a request that queued an email wake the sender instead of waiting for its next poll.</summary>
public sealed class OutboxSignal : WakeSignal;

/// <summary>
/// Delivers queued emails. Each attempt is claimed and counted in the database before the message
/// goes out (so several instances never send the same attempt, and a crash still backs off); a
/// failure is retried with exponential back-off; the Message-ID stays the same on every attempt so
/// a receiver can drop the duplicate that a crash between sending and marking could cause.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    Microsoft.Extensions.Options.IOptions<EmailOptions> emailOptions,
    TimeProvider clock,
    ILogger<OutboxSender> logger) : DueWorkSender(signal, logger)
{
    private readonly EmailOptions options = emailOptions.Value;

    public const int BatchSize = 20;

    protected override TimeSpan Poll => TimeSpan.FromSeconds(Math.Max(0.1, options.PollSeconds));

    protected override string Name => "Email outbox";

    /// <summary>A full batch: more may be waiting.</summary>
    protected override async Task<bool> PassAsync(CancellationToken ct) => await SendDueAsync(ct) == BatchSize;

    /// <summary>One pass over the due messages; returns how many were attempted.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.OutboxEmails.AsNoTracking()
            .Where(m => m.SentAt == null && m.NextAttemptAt <= now && m.Attempts < options.MaxAttempts)
            .OrderBy(m => m.Id).Take(BatchSize).ToListAsync(ct);
        foreach (var message in due)
        {
            // The claim is a lease that outlives the whole send (which is cut off before the lease
            // ends), so no other instance can pick the message up while this one is still sending it.
            var lease = Lease(options);
            var leasedUntil = clock.GetUtcNow().UtcDateTime + lease;
            if (!await ClaimAsync(db, message, leasedUntil, ct))
            {
                continue;
            }
            try
            {
                using var sending = CancellationTokenSource.CreateLinkedTokenSource(ct);
                sending.CancelAfter(lease - LeaseMargin);
                await DeliverAsync(message, sending.Token);
                var sentAt = clock.GetUtcNow().UtcDateTime;
                await db.OutboxEmails.Where(m => m.Id == message.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, sentAt).SetProperty(m => m.LastError, (string?)null), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var error = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                Log.LogWarning("Email {MessageId} to {To} failed (attempt {Attempt}): {Error}", message.MessageId, message.To, message.Attempts + 1, error);
                var retryAt = clock.GetUtcNow().UtcDateTime + OutboxEmail.Backoff(message.Attempts + 1, options.RetryBaseSeconds);
                await db.OutboxEmails.Where(m => m.Id == message.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastError, error).SetProperty(m => m.NextAttemptAt, retryAt), CancellationToken.None);
            }
        }
        return due.Count;
    }

    /// <summary>
    /// Takes the message as it was read (<paramref name="seen"/>) for this sender until <paramref name="leasedUntil"/>:
    /// one conditional update, so of several senders that read the same attempt exactly one wins.
    /// </summary>
    public static async Task<bool> ClaimAsync(AppDbContext db, OutboxEmail seen, DateTime leasedUntil, CancellationToken ct) =>
        await db.OutboxEmails
            .Where(m => m.Id == seen.Id && m.SentAt == null && m.Attempts == seen.Attempts)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.NextAttemptAt, leasedUntil), ct) == 1;

    private static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(5);

    /// <summary>How long a claim holds: connect, authenticate and send may each take the SMTP timeout.</summary>
    public static TimeSpan Lease(EmailOptions options) =>
        TimeSpan.FromSeconds(Math.Max(1, options.Smtp.TimeoutSeconds) * 3) + LeaseMargin * 2;

    private async Task DeliverAsync(OutboxEmail message, CancellationToken ct)
    {
        var mime = new MimeMessage { Subject = message.Subject, MessageId = message.MessageId };
        mime.From.Add(MailboxAddress.Parse(options.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Date = new DateTimeOffset(DateTime.SpecifyKind(message.CreatedAt, DateTimeKind.Utc));
        mime.Body = new TextPart("plain") { Text = message.Body };
        foreach (var (name, value) in message.ExtraHeaders())
        {
            mime.Headers.Add(name, value);
        }

        if (string.IsNullOrWhiteSpace(options.Smtp.Host))
        {
            var folder = options.PickupDirectory!;
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"{message.MessageId.Replace('@', '_')}.eml");
            // Written aside, then moved in: whatever watches the folder never reads half a message.
            var partial = path + ".partial";
            await using (var file = File.Create(partial))
            {
                await mime.WriteToAsync(file, ct);
            }
            File.Move(partial, path, overwrite: true);
            return;
        }
        using var smtp = new SmtpClient { Timeout = options.Smtp.TimeoutSeconds * 1000 };
        var security = options.Smtp.Security.ToLowerInvariant() switch
        {
            "none" => SecureSocketOptions.None,
            "starttls" => SecureSocketOptions.StartTls,
            "ssl" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };
        await smtp.ConnectAsync(options.Smtp.Host, options.Smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(options.Smtp.Username))
        {
            // Credentials never cross an unencrypted connection unless the operator said so (`none`).
            if (!smtp.IsSecure && security != SecureSocketOptions.None)
            {
                throw new InvalidOperationException(
                    "The SMTP server offered no TLS, so the credentials were not sent. Use a server with STARTTLS or TLS, or set Email:Smtp:Security to 'none' to allow it.");
            }
            await smtp.AuthenticateAsync(options.Smtp.Username, options.Smtp.Password ?? "", ct);
        }
        await smtp.SendAsync(mime, ct);
        await smtp.DisconnectAsync(quit: true, ct);
    }
}
