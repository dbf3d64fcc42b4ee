namespace CulturaLite.Api.Events;

public static class EventsModule
{
    public static WebApplicationBuilder AddEvents(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EventChanges>();
        builder.Services.AddScoped<EventSubmission>();
        return builder;
    }
}
