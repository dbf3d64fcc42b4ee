using CulturaLite.Api.Events;

namespace CulturaLite.Api.Notifications;

/// <summary>The email a vendor receives about a moderation decision, queued with the decision itself.</summary>
public static class DecisionMail
{
    public static OutboxEmail For(Event e, string vendorEmail, string vendorName, Notification notification, EmailOptions options, DateTime now) =>
        Write("event", e.Title, e.Status == EventStatus.Approved, vendorEmail, vendorName, notification, options, now,
            "It is now visible to everyone browsing CulturaLite.", "You can edit the event in your dashboard and submit it again.");

    public static OutboxEmail ForFestival(Festivals.Festival f, string vendorEmail, string vendorName, Notification notification, EmailOptions options, DateTime now) =>
        Write("festival", f.Title, f.Status == EventStatus.Approved, vendorEmail, vendorName, notification, options, now,
            "It is now visible to everyone, and organizers can add their events to it.", "You can edit the festival in your dashboard and submit it again.");

    private static OutboxEmail Write(string kind, string title, bool approved, string vendorEmail, string vendorName, Notification notification,
        EmailOptions options, DateTime now, string ifApproved, string ifRejected)
    {
        var subject = approved ? $"Your {kind} '{title}' was approved" : $"Your {kind} '{title}' was rejected";
        var greeting = string.IsNullOrWhiteSpace(vendorName) ? "Hello," : $"Hello {vendorName},";
        var body = $"""
            {greeting}

            {notification.Message}

            {(approved ? ifApproved : ifRejected)}

            - The CulturaLite team
            """;
        return OutboxEmail.Create(vendorEmail, subject, body, options.Domain, now);
    }
}
