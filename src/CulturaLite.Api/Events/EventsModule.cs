namespace CulturaLite.Api.Events;

public static class EventsModule
{
    public static WebApplicationBuilder AddEvents(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EventChanges>();
        // Every save that changes what the public sees evicts the public cache, from this one place.
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, PublicChangeDetector>();
        builder.Services.AddScoped<EventSubmission>();
        builder.Services.AddScoped<EventImageStore>();
        builder.Services.AddScoped<CategoryCatalog>();
        builder.Services.AddScoped<CityDirectory>();
        builder.Services.AddScoped<CityCatalog>();
        builder.Services.AddScoped<SearchIndex>();
        builder.Services.AddScoped<PublicListing>();
        var cacheEnabled = builder.Configuration.GetValue("PublicCache:Enabled", true);
        builder.Services.AddOutputCache(o =>
        {
            // Bounded: a crawler walking every filter and page cannot grow the process without limit.
            o.SizeLimit = builder.Configuration.GetValue("PublicCache:OutputCacheMegabytes", 16L) * 1024 * 1024;
            PublicCache.AddPolicy(o, cacheEnabled);
        });
        builder.Services.AddSingleton<PublicCache>();
        return builder;
    }

    /// <summary>Public responses from the cache, with ETags; created eagerly so it hears every change.</summary>
    public static WebApplication UsePublicCache(this WebApplication app)
    {
        app.Services.GetRequiredService<PublicCache>();
        app.UseOutputCache();
        app.UseMiddleware<ETagMiddleware>();
        return app;
    }
}
