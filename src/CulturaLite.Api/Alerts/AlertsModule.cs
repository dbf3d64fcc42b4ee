namespace CulturaLite.Api.Alerts;

public static class AlertsModule
{
    /// <summary>Alerts (API.md "Alerts"): email digests, web push, and signed webhooks for partners.</summary>
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

        builder.Services.AddOptions<AlertOptions>().BindConfiguration("Alerts")
            .Validate(o => o.IsValid, "Alerts:WeeklyAt must be a day and a time (Friday 18:00), Alerts:DailyAt a time (07:00), "
                + "Alerts:MaxPerAddress from 1 to 1000, Alerts:EmailsPerAddressPerHour from 1 to 100, Alerts:PollSeconds above 0, Alerts:BatchSize from 1 to 10000.")
            .ValidateOnStart();
        builder.Services.AddSingleton<SubscriptionMail>();
        builder.Services.AddScoped<Subscriptions>();
        builder.Services.AddScoped<Digests>();
        builder.Services.AddScoped<AlertNotices>();
        builder.Services.AddScoped<PushFanOut>();
        builder.Services.AddSingleton<AlertSignal>();
        builder.Services.AddSingleton<AlertTrigger>();
        builder.Services.AddHostedService<AlertWorker>();

        builder.Services.AddOptions<PushOptions>().BindConfiguration("Push")
            .Validate(o => o.MaxPerDay is >= 0 and <= 1000 && o.MaxPerEndpoint is > 0 and <= 1000 && o.PollSeconds > 0
                && Uri.TryCreate(o.Subject, UriKind.Absolute, out var subject) && subject.Scheme is "mailto" or "https",
                "Push:MaxPerDay must be from 0 to 1000, Push:MaxPerEndpoint from 1 to 1000, Push:PollSeconds above 0, Push:Subject a mailto: or https: URL.")
            .ValidateOnStart();
        builder.Services.AddSingleton<VapidKeys>();
        builder.Services.AddSingleton<PushSignal>();
        builder.Services.AddSingleton<PushSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PushSender>());
        return builder;
    }
}
