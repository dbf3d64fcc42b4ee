using System.Linq.Expressions;

namespace CulturaLite.Api.Alerts;

public sealed record WebhookRequest(string? Url, IReadOnlyList<string>? Events, string? Description, bool? IsActive);

/// <summary>A webhook as admins see it (without its secret, shown once when it is created).</summary>
public sealed record WebhookResponse(int Id, string Url, IReadOnlyList<string> Events, string Description, bool IsActive,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? FailingSince, DateTime? DisabledAt)
{
    public static readonly Expression<Func<Webhook, WebhookResponse>> Projection = w =>
        new WebhookResponse(w.Id, w.Url, w.Events, w.Description, w.IsActive, w.CreatedAt, w.UpdatedAt, w.FailingSince, w.DisabledAt);

    private static readonly Func<Webhook, WebhookResponse> Compiled = Projection.Compile();

    public static WebhookResponse From(Webhook w) => Compiled(w);
}

/// <summary>The answer to a new webhook: with the signing `secret`, which no later answer shows.</summary>
public sealed record CreatedWebhookResponse(int Id, string Url, IReadOnlyList<string> Events, string Description, bool IsActive,
    DateTime CreatedAt, DateTime UpdatedAt, string Secret);

/// <summary>One entry of a webhook's delivery log (`duration` of the last attempt in milliseconds).</summary>
public sealed record WebhookDeliveryResponse(long Id, string MessageId, string EventType, int? EventId, int Attempt, int? StatusCode,
    int? Duration, string? Error, string? Outcome, DateTime CreatedAt, DateTime? LastAttemptAt, DateTime? NextAttempt, DateTime? FinishedAt)
{
    public static readonly Expression<Func<WebhookDelivery, WebhookDeliveryResponse>> Projection = d => new WebhookDeliveryResponse(
        d.Id, d.MessageId, d.Type, d.EventId, d.Attempts, d.StatusCode, d.DurationMs, d.LastError, d.Outcome, d.CreatedAt, d.LastAttemptAt,
        d.FinishedAt == null ? d.NextAttemptAt : null, d.FinishedAt);
}
