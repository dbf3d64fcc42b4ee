namespace CulturaLite.Api.Events;

public static class EventsModule
{
    public static WebApplicationBuilder AddEvents(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EventChanges>();
        builder.Services.AddScoped<EventSubmission>();
        builder.Services.AddScoped<DashboardEvents>();
        builder.Services.AddScoped<SeriesSchedule>();
        builder.Services.AddScoped<EventStatusActions>();
        builder.Services.AddScoped<EventImageStore>();
        builder.Services.AddScoped<CategoryCatalog>();
        builder.Services.AddScoped<CityResolver>();
        builder.Services.AddScoped<KnownCityCatalog>();
        builder.Services.AddScoped<SearchIndex>();
        builder.Services.AddScoped<PublicListing>();
        builder.Services.AddSingleton<PublicListing.PlainPages>();
        builder.Services.AddOptions<PublicCacheOptions>().BindConfiguration(PublicCacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOutputCache();
        builder.Services.AddOptions<Microsoft.AspNetCore.OutputCaching.OutputCacheOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<PublicCacheOptions>, Microsoft.Extensions.Options.IOptions<Web.SiteOptions>>((o, cache, site) =>
            {
                // Bounded: a crawler walking every filter and page cannot grow the process without limit.
                o.SizeLimit = cache.Value.OutputCacheMegabytes * 1024 * 1024;
                PublicCache.AddPolicy(o, cache.Value.Enabled, site.Value.EventLanguages);
            });
        builder.Services.AddSingleton<PublicCache>();
        return builder;
    }

    /// <summary>Public responses from the cache, with ETags; created eagerly so it hears every change.</summary>
    public static IApplicationBuilder UsePublicCache(this IApplicationBuilder app)
    {
        app.ApplicationServices.GetRequiredService<PublicCache>();
        app.UseOutputCache();
        app.UseMiddleware<ETagMiddleware>();
        return app;
    }
}

/// <summary>`PublicCache:*`: the response cache of public reads (counts stay cached either way).</summary>
public sealed class PublicCacheOptions
{
    public const string Section = "PublicCache";

    /// <summary>`PublicCache:Enabled`: serve public reads from the output cache (benchmarks turn it off).</summary>
    public bool Enabled { get; set; } = true;

    [System.ComponentModel.DataAnnotations.Range(1, 4096, ErrorMessage = "PublicCache:OutputCacheMegabytes must be from 1 to 4096.")]
    public long OutputCacheMegabytes { get; set; } = 8;
}
