namespace CulturaLite.Api.Organizers;

/// <summary>Organizer profiles: the public face of a vendor, from the first public event on.</summary>
public static class OrganizersModule
{
    public static WebApplicationBuilder AddOrganizers(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<OrganizerProfiles>();
        return builder;
    }
}
