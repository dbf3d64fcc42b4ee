namespace CulturaLite.Api.Media;

public static class MediaModule
{
    public static WebApplicationBuilder AddMedia(this WebApplicationBuilder builder) => builder;

    public static WebApplication UseMedia(this WebApplication app) => app;
}
