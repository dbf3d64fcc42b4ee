using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Notifications;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Alerts;

public sealed record SubscriptionRequest(string? Email, string? Frequency, JsonElement? Filters);

public sealed record TokenRequest(string? Token);

public sealed record ManageRequest(string? Email);

/// <summary>
/// Email subscriptions without an account, for the API and the `/s/` pages alike: subscribing (double opt-in),
/// confirming, unsubscribing, and the "manage" link. Answers never tell whether an address is subscribed.
/// </summary>
public sealed class Subscriptions(
    AppDbContext db,
    SubscriptionMail mail,
    OutboxSignal outbox,
    IOptions<AlertOptions> alerts,
    IOptions<SiteOptions> site,
    TimeProvider clock)
{
    public const string Requested = "If this address can receive alerts, a confirmation email is on its way. Follow the link in it to start.";
    public const string ManageRequested = "If this address has alerts, an email with a link to manage them is on its way.";
    public const string Unusable = "This link is invalid, expired or was already used.";

    /// <summary>
    /// A pending subscription and its confirmation email, unless the address already holds the same one (a pending one
    /// gets its confirmation again), holds its limit, or was sent its hourly share of emails: the answer is the same.
    /// </summary>
    public async Task<Outcome<string>> SubscribeAsync(SubscriptionRequest? request, string linkBase, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var email = errors.Text("email", request?.Email, User.EmailMaxLength);
        if (email is not null && !Registration.IsEmail(email))
        {
            errors.Add("email", "Enter a valid email address.");
        }
        var frequency = request?.Frequency?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(frequency))
        {
            errors.Add("frequency", "This field is required.");
        }
        else if (!DigestFrequency.All.Contains(frequency))
        {
            errors.Add("frequency", $"\"{Clip(request!.Frequency!)}\" is not a valid choice. Choose weekly or daily.");
        }
        var filters = SubscriptionFilters.Parse(request?.Filters, errors, site.Value.Zone);
        if (errors.Any)
        {
            return Outcome<string>.Invalid(errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var normalized = User.NormalizeEmail(email!);
        var held = await db.Set<Subscription>().Where(s => s.NormalizedEmail == normalized).ToListAsync(ct);
        if (!await MaySendAsync(normalized, now, ct))
        {
            return Outcome<string>.Done(Requested);
        }
        var same = held.FirstOrDefault(s => s.Frequency == frequency && s.Filters == filters);
        if (same is { IsConfirmed: true } || (same is null && held.Count >= alerts.Value.MaxPerAddress))
        {
            return Outcome<string>.Done(Requested);
        }
        var lifetime = TimeSpan.FromHours(alerts.Value.ConfirmTokenHours);
        string token;
        if (same is null)
        {
            (same, token) = Subscription.Create(email!, frequency!, filters!, linkBase, lifetime, now);
            db.Add(same);
        }
        else
        {
            token = same.RenewConfirmation(lifetime, now);
        }
        db.Add(mail.Confirmation(same, token, now));
        db.Add(SentToAddress.Of(normalized, now));
        await db.SaveChangesAsync(ct);
        outbox.Wake();
        return Outcome<string>.Done(Requested);
    }

    /// <summary>Confirms the subscription of a confirmation link's token (once; an expired or used link is a field error).</summary>
    public async Task<Outcome<Subscription>> ConfirmAsync(string? token, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(token) || token.Length > 200)
        {
            errors.Add("token", string.IsNullOrWhiteSpace(token) ? "This field is required." : Unusable);
            return Outcome<Subscription>.Invalid(errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = AccountToken.HashOf(token.Trim());
        var subscription = await db.Set<Subscription>().AsNoTracking().FirstOrDefaultAsync(s => s.ConfirmHash == hash && s.ConfirmExpiresAt > now, ct);
        if (subscription is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(subscription.ConfirmHash!), Encoding.ASCII.GetBytes(hash)))
        {
            errors.Add("token", Unusable);
            return Outcome<Subscription>.Invalid(errors);
        }
        // One conditional update: of two racing uses of the link exactly one confirms.
        var next = DigestFrequency.NextDue(subscription.Frequency, now, alerts.Value, site.Value.Zone);
        var won = await db.Set<Subscription>().Where(s => s.Id == subscription.Id && s.ConfirmHash == hash)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ConfirmedAt, now).SetProperty(s => s.ConfirmHash, (string?)null)
                .SetProperty(s => s.ConfirmExpiresAt, (DateTime?)null).SetProperty(s => s.LastDigestAt, now).SetProperty(s => s.NextDigestAt, next), ct) == 1;
        if (!won)
        {
            errors.Add("token", Unusable);
            return Outcome<Subscription>.Invalid(errors);
        }
        subscription.Confirm(now, next);
        return Outcome<Subscription>.Done(subscription);
    }

    /// <summary>Ends the subscription of <paramref name="token"/> and forgets it (its address included).</summary>
    public async Task<Outcome<string>> UnsubscribeAsync(string? token, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (await FindAsync(token, ct) is not { } subscription)
        {
            errors.Add("token", string.IsNullOrWhiteSpace(token) ? "This field is required." : Unusable);
            return Outcome<string>.Invalid(errors);
        }
        await db.Set<Subscription>().Where(s => s.Id == subscription.Id).ExecuteDeleteAsync(ct);
        return Outcome<string>.Done(subscription.Email);
    }

    /// <summary>Emails the address a link to its subscriptions, when it has any (the answer is the same when not).</summary>
    public async Task ManageAsync(string email, CancellationToken ct)
    {
        var normalized = User.NormalizeEmail(email);
        var now = clock.GetUtcNow().UtcDateTime;
        var held = await db.Set<Subscription>().Where(s => s.NormalizedEmail == normalized).OrderByDescending(s => s.Id).ToListAsync(ct);
        if (held.Count == 0 || !await MaySendAsync(normalized, now, ct))
        {
            return;
        }
        db.Add(mail.ManageLink(held[0], held.Count, now));
        db.Add(SentToAddress.Of(normalized, now));
        await db.SaveChangesAsync(ct);
        outbox.Wake();
    }

    /// <summary>The subscription of an unsubscribe token, or null.</summary>
    public async Task<Subscription?> FindAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 200)
        {
            return null;
        }
        token = token.Trim();
        var found = await db.Set<Subscription>().AsNoTracking().FirstOrDefaultAsync(s => s.Token == token, ct);
        return found is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(found.Token), Encoding.ASCII.GetBytes(token)) ? found : null;
    }

    /// <summary>Every subscription of the address that <paramref name="token"/>'s subscription belongs to (the "manage" page).</summary>
    public async Task<List<Subscription>?> ListAsync(string? token, CancellationToken ct) =>
        await FindAsync(token, ct) is { } one
            ? await db.Set<Subscription>().AsNoTracking().Where(s => s.NormalizedEmail == one.NormalizedEmail).OrderBy(s => s.Id).ToListAsync(ct)
            : null;

    /// <summary>Under the hourly cap of emails to one address (confirmations and "manage" links).</summary>
    private async Task<bool> MaySendAsync(string normalized, DateTime now, CancellationToken ct)
    {
        var since = now.AddHours(-1);
        var hash = SentToAddress.HashOf(normalized);
        return await db.Set<SentToAddress>().CountAsync(a => a.AddressHash == hash && a.SentAt > since, ct) < alerts.Value.EmailsPerAddressPerHour;
    }

    private static string Clip(string text) => text.Length > 40 ? text[..40] : text;
}
