using CulturaLite.Api.Events;

namespace CulturaLite.Api.Notifications;

/// <summary>The email a vendor receives about a moderation decision, queued with the decision itself.</summary>
public static class DecisionMail
{
    public static OutboxEmail For(Event e, string vendorEmail, string vendorName, Notification notification, EmailOptions options, DateTime now)
    {
        var approved = e.Status == EventStatus.Approved;
        var subject = approved ? $"Your event '{e.Title}' was approved" : $"Your event '{e.Title}' was rejected";
        var greeting = string.IsNullOrWhiteSpace(vendorName) ? "Hello," : $"Hello {vendorName},";
        var body = $"""
            {greeting}

            {notification.Message}

            {(approved ? "It is now visible to everyone browsing CulturaLite." : "You can edit the event in your dashboard and submit it again.")}

            - The CulturaLite team
            """;
        return OutboxEmail.Create(vendorEmail, subject, body, options.Domain, now);
    }
}
