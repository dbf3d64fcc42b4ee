using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Outbound;

public static class OutboundModule
{
    /// <summary>The HTTP client name every outbound request uses (webhooks, push, imports).</summary>
    public const string Client = "outbound";

    /// <summary>One client for every request made on someone else's behalf: public addresses only, bounded in time and size.</summary>
    public static WebApplicationBuilder AddOutbound(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OutboundOptions>().BindConfiguration("Outbound")
            .Validate(o => o.TimeoutSeconds is > 0 and <= 300 && o.MaxRedirects is >= 0 and <= 10,
                "Outbound:TimeoutSeconds must be from 1 to 300 and Outbound:MaxRedirects from 0 to 10.")
            .ValidateOnStart();
        builder.Services.AddHttpClient(Client, (sp, client) =>
            {
                client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<OutboundOptions>>().Value.TimeoutSeconds);
                client.MaxResponseContentBufferSize = 1024 * 1024;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("CulturaLite/1.0 (+https://culturalite.in)");
            })
            .ConfigurePrimaryHttpMessageHandler(sp => OutboundHandler.Create(sp.GetRequiredService<IOptions<OutboundOptions>>().Value));
        return builder;
    }
}
