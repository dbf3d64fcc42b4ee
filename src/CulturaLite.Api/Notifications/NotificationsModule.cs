namespace CulturaLite.Api.Notifications;

public static class NotificationsModule
{
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddOptions<EmailOptions>().BindConfiguration("Email")
            .PostConfigure(o => o.PickupDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(o.PickupDirectory)
                ? Path.Combine(contentRoot, "mail-pickup")
                : o.PickupDirectory))
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "Email:From is not a valid address.")
            .ValidateOnStart();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddScoped<NotificationInbox>();
        builder.Services.AddSingleton<OutboxSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        return builder;
    }
}
