using System.Text;
using CulturaLite.Api.Notifications;
using CulturaLite.Api.Site;
using CulturaLite.Api.Web;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Alerts;

/// <summary>
/// The emails of email subscriptions: the confirmation, the "manage" link, digests and notices. Every one carries
/// RFC 8058's one-click unsubscribe headers for its subscription, and goes through the outbox.
/// </summary>
public sealed class SubscriptionMail(IOptions<SiteOptions> site, IOptions<EmailOptions> email, IOptions<AlertOptions> alerts)
{
    /// <summary>One event as a digest shows it.</summary>
    public sealed record Item(int Id, string Title, DateTime EventDate, string City, string? VenueName, bool? IsFree, long? PriceMinMinor, long? PriceMaxMinor, string? Currency, int? SeriesId)
    {
        public static readonly System.Linq.Expressions.Expression<Func<Events.Event, Item>> Projection =
            e => new Item(e.Id, e.Title, e.EventDate, e.City, e.VenueName, e.IsFree, e.PriceMinMinor, e.PriceMaxMinor, e.Currency, e.SeriesId);

        /// <summary>"Free", "₹200 – ₹500", or null when not given.</summary>
        public string? Price => Events.EventPrice.From(IsFree, PriceMinMinor, PriceMaxMinor, Currency)?.Text;
    }

    public string BaseUrl(Subscription s) => site.Value.BaseUrl(s.LinkBase);

    public string UnsubscribeUrl(Subscription s) => $"{BaseUrl(s)}/s/unsubscribe?token={Uri.EscapeDataString(s.Token)}";

    public string ManageUrl(Subscription s) => $"{BaseUrl(s)}/s/manage?token={Uri.EscapeDataString(s.Token)}";

    public string ListUrl(Subscription s) => s.Filters.Length == 0 ? $"{BaseUrl(s)}/" : $"{BaseUrl(s)}/?{s.Filters}";

    public OutboxEmail Confirmation(Subscription s, string token, DateTime now) => Mail(s, "Confirm your CulturaLite alerts", $"""
        Hello,

        Someone (we hope you) asked for a {s.Frequency} email of new cultural events on CulturaLite: {SubscriptionFilters.Describe(s.Filters)}.

        To start receiving it, confirm this address by opening this link:

        {BaseUrl(s)}/s/confirm?token={Uri.EscapeDataString(token)}

        The link works for {alerts.Value.ConfirmTokenHours} hours. If you did not ask for this, ignore this email: nothing more will be sent.

        - The CulturaLite team
        """, now);

    public OutboxEmail ManageLink(Subscription s, int count, DateTime now) => Mail(s, "Your CulturaLite alerts", $"""
        Hello,

        This address has {count} CulturaLite alert{(count == 1 ? "" : "s")}. To see them and unsubscribe from any of them, open this link:

        {ManageUrl(s)}

        If you did not ask for this, ignore this email.

        - The CulturaLite team
        """, now);

    public OutboxEmail Digest(Subscription s, IReadOnlyList<Item> items, int total, DateTime now)
    {
        var zone = site.Value.Zone;
        var text = new StringBuilder();
        text.Append("Hello,\n\nNew on CulturaLite (").Append(SubscriptionFilters.Describe(s.Filters)).Append("):\n\n");
        foreach (var item in items)
        {
            text.Append("* ").Append(item.Title).Append('\n');
            text.Append("  ").Append(IndianFormat.When(item.EventDate, zone)).Append(" · ").Append(item.City);
            if (!string.IsNullOrWhiteSpace(item.VenueName))
            {
                text.Append(", ").Append(item.VenueName);
            }
            if (item.Price is { } price)
            {
                text.Append(" · ").Append(price);
            }
            text.Append('\n').Append("  ").Append(SiteOptions.ShareUrl(BaseUrl(s), item.Id)).Append("\n\n");
        }
        if (total > items.Count)
        {
            text.Append("And more: ");
        }
        else
        {
            text.Append("Every upcoming event: ");
        }
        text.Append(ListUrl(s)).Append("\n\n");
        text.Append(Footer(s));
        var subject = items.Count == 1 ? $"New on CulturaLite: {items[0].Title}" : $"{items.Count} new events on CulturaLite";
        return Mail(s, Clip(subject), text.ToString(), now);
    }

    public OutboxEmail Notice(Subscription s, Item item, string kind, DateTime now)
    {
        var zone = site.Value.Zone;
        var (subject, sentence) = kind == AlertNotice.Cancelled
            ? ($"Cancelled: {item.Title}", "has been cancelled.")
            : ($"New date: {item.Title}", $"has a new date: {IndianFormat.When(item.EventDate, zone)}.");
        return Mail(s, Clip(subject), $"""
            Hello,

            An event from your CulturaLite alerts, {item.Title} ({item.City}), {sentence}

            {SiteOptions.ShareUrl(BaseUrl(s), item.Id)}

            {Footer(s)}
            """, now);
    }

    private string Footer(Subscription s) => $"""
        You receive this because you subscribed to CulturaLite alerts ({s.Frequency}).
        Manage your alerts: {ManageUrl(s)}
        Unsubscribe: {UnsubscribeUrl(s)}
        """;

    private OutboxEmail Mail(Subscription s, string subject, string body, DateTime now) =>
        OutboxEmail.Create(s.Email, subject, body, email.Value.Domain, now, new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = $"<{UnsubscribeUrl(s)}>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        });

    private static string Clip(string subject) => subject.Length > 300 ? subject[..299] + "…" : subject;
}
