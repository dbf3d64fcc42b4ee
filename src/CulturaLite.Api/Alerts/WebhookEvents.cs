namespace CulturaLite.Api.Alerts;

/// <summary>The changes a webhook can subscribe to (API.md "Webhooks").</summary>
public static class WebhookEvents
{
    public const string Published = "event.published";
    public const string Updated = "event.updated";
    public const string Cancelled = "event.cancelled";
    public const string Removed = "event.removed";
    public const string FestivalPublished = "festival.published";

    public static readonly string[] All = [Published, Updated, Cancelled, Removed, FestivalPublished];
}
