using CulturaLite.Api.Accounts;
using CulturaLite.Api.Alerts;
using CulturaLite.Api.Commands;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Festivals;
using CulturaLite.Api.Media;
using CulturaLite.Api.Moderation;
using CulturaLite.Api.Moderation.Console;
using CulturaLite.Api.Notifications;
using CulturaLite.Api.Operations;
using CulturaLite.Api.Organizers;
using CulturaLite.Api.Outbound;
using CulturaLite.Api.Portal;
using CulturaLite.Api.Privacy;
using CulturaLite.Api.Site;
using CulturaLite.Api.Web;

if (ManagementCommands.WantsHelp(args))
{
    Console.Write(ManagementCommands.Usage);
    return 0;
}

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddWeb();
    builder.AddCompression();
    builder.AddData();
    builder.AddAccounts();
    builder.AddPrivacy();
    builder.AddEvents();
    builder.AddFestivals();
    builder.AddOrganizers();
    builder.AddMedia();
    builder.AddModeration();
    builder.AddAdminConsole();
    builder.AddSite();
    builder.AddVendorPortal();
    builder.AddNotifications();
    builder.AddOutbound();
    builder.AddAlerts();
    builder.AddOperations();

    var app = builder.Build();
    // Every setting is checked before anything runs (the server, a command, a migration).
    app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
    app.Services.GetRequiredService<CulturaLite.Api.Alerts.VapidKeys>();

    // `culturalite migrate`, `createsuperuser`, `seed-demo`: run the command instead of the server.
    if (await ManagementCommands.TryRunAsync(app, args) is { } exitCode)
    {
        return exitCode;
    }

    await app.Services.PrepareDatabaseAsync();

    // The request pipeline, in order. Each rule is one comment; PipelineOrderTests fails when one is broken.
    // 1. The client's address first: everything after reads it (rate limits, reports, /metrics). Forwarded
    //    headers are believed only from the proxies named in ForwardedHeaders:*.
    app.UseForwardedHeaders();
    // 2. Every error answer is logged once, with the trace id its body carries, whoever wrote it.
    app.UseMiddleware<ErrorResponseLog>();
    // 3. Security headers, and a HEAD's body dropped, at the edge: answers from the cache pass here too.
    app.UseEdgeHeaders();
    if (!app.Environment.IsDevelopment())
    {
        app.UseHsts();
    }
    // 4. An exception anywhere below is a problem+json 500 without internals.
    app.UseExceptionHandler();
    // 5. CORS before the cache: it writes its headers as a response starts, so a cached answer gets them on
    //    every request, for each origin; a preflight is answered here on any path spelling.
    app.UseCors(WebModule.CorsPolicy);
    // 6. Routing before the cache: the cache reads the matched endpoint's policy.
    app.UseRouting();
    // 7. The public cache before everything below: a hit skips it all (authentication alone cost a third of a hit).
    app.UsePublicCache();
    //    Compression inside the cache: an answer is cached once per encoding, a hit compresses nothing, and the
    //    ETag (made just outside) hashes the bytes sent, so it differs per encoding.
    app.UseCompression();
    // 8. Bare status codes get problem bodies; request bodies are bounded before anything reads them.
    app.UseStatusCodePages();
    app.UseMiddleware<BodySizeLimitMiddleware>();
    // 9. /metrics for allowed networks only, local media files, the console's headers: none needs a user.
    app.UseMetricsEndpoint();
    app.UseMedia();
    app.UseAdminConsoleHeaders();
    //    The pages' interface language (?ui=, cookie, Accept-Language) and their headers; the API is never localized.
    app.UseSitePages();
    // 10. A plain OPTIONS is answered before authentication (DRF answers it to anyone).
    app.UsePlainOptions();
    // 11. Who the caller is, what they may do, then their rate limits (per user or per address).
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseRateLimiter();
    // The endpoints: the API, its documentation, the admin console, the public site and the vendor portal.
    app.MapControllers();
    app.MapApiDocs();
    app.MapAdminConsole();
    app.MapSite();
    return await app.RunServerAsync();
}
catch (Exception e) when (StartupFailure.Describe(e) is { } line && StartupFailure.IsProcessEntryPoint)
{
    // A missing or invalid setting: one line naming it, exit code 1 (no stack trace, no abort). Hosted by
    // another program (the tests' WebApplicationFactory), the exception goes to it instead.
    Console.Error.WriteLine(line);
    return 1;
}

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
