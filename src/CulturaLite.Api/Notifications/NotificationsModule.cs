namespace CulturaLite.Api.Notifications;

public static class NotificationsModule
{
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Email").Get<EmailOptions>() ?? new EmailOptions();
        options.PickupDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(options.PickupDirectory)
            ? Path.Combine(builder.Environment.ContentRootPath, "mail-pickup")
            : options.PickupDirectory);
        if (!MimeKit.MailboxAddress.TryParse(options.From, out _))
        {
            throw new InvalidOperationException($"Email:From '{options.From}' is not a valid address.");
        }
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        return builder;
    }
}
