namespace CulturaLite.Api.Alerts;

public static class AlertsModule
{
    /// <summary>Alerts (API.md "Alerts"): signed webhooks for partners.</summary>
    public static WebApplicationBuilder AddAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration("Webhooks")
            .Validate(o => o.PollSeconds > 0 && o.BatchSize is > 0 and <= 1000 && o.Parallelism is > 0 and <= 64 && o.PerWebhook is > 0 and <= 64,
                "Webhooks:PollSeconds must be above 0, Webhooks:BatchSize from 1 to 1000, Webhooks:Parallelism and Webhooks:PerWebhook from 1 to 64.")
            .ValidateOnStart();
        builder.Services.AddSingleton<WebhookSignal>();
        builder.Services.AddSingleton<WebhookTrigger>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookSender>());
        return builder;
    }
}
