namespace CulturaLite.Api.Events;

public static class EventsModule
{
    public static WebApplicationBuilder AddEvents(this WebApplicationBuilder builder)
    {
        return builder;
    }
}
