using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace CulturaLite.Api.Tests.Infrastructure;

/// <summary>
/// The in-memory test server has no socket, so no peer address. A request carrying
/// <see cref="Header"/> arrives as if its TCP connection came from that address: what the
/// application sees before any of its own middleware (forwarded headers included) runs.
/// </summary>
public sealed class PeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, nextMiddleware) =>
        {
            if (http.Request.Headers.TryGetValue(Header, out var peer) && IPAddress.TryParse(peer.ToString(), out var ip))
            {
                http.Connection.RemoteIpAddress = ip;
                http.Request.Headers.Remove(Header);
            }
            return nextMiddleware(http);
        });
        next(app);
    };
}
