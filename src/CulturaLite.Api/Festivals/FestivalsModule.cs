namespace CulturaLite.Api.Festivals;

public static class FestivalsModule
{
    /// <summary>Festivals: umbrellas of events, moderated like events (API.md "Recurring events and festivals").</summary>
    public static WebApplicationBuilder AddFestivals(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<FestivalSubmission>();
        builder.Services.AddScoped<DashboardFestivals>();
        return builder;
    }
}
