namespace CulturaLite.Api.Alerts;

/// <summary>`Webhooks:*`: how the sender works through deliveries.</summary>
public sealed class WebhookOptions
{
    /// <summary>How often the sender looks for due deliveries when nothing woke it.</summary>
    public double PollSeconds { get; set; } = 5;

    public int BatchSize { get; set; } = 50;

    /// <summary>Webhooks served side by side in one pass.</summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>Deliveries to one webhook at once (each about a different event: those about one event go in order).</summary>
    public int PerWebhook { get; set; } = 4;
}
