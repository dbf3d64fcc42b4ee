namespace CulturaLite.Api.Moderation;

public static class ModerationModule
{
    public static WebApplicationBuilder AddModeration(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ModerationDecisions>();
        return builder;
    }
}
