namespace CulturaLite.Api.Moderation;

public static class ModerationModule
{
    public static WebApplicationBuilder AddModeration(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ModerationDecisions>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<EventNotes>();
        builder.Services.AddScoped<ReportResolutions>();
        builder.Services.AddScoped<PublicReports>();
        builder.Services.AddScoped<ReportQueue>();
        builder.Services.AddOptions<ModerationOptions>().BindConfiguration("Moderation")
            .Validate(o => o.ReportThreshold >= 1, "Moderation:ReportThreshold must be 1 or more.").ValidateOnStart();
        return builder;
    }
}
