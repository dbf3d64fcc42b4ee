using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Outbound;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Alerts;

public sealed record PushKeys(string? P256dh, string? Auth);

public sealed record PushSubscriptionRequest(string? Endpoint, PushKeys? Keys, JsonElement? Filters, JsonElement? Event);

public sealed record PushEndpointRequest(string? Endpoint);

public sealed record PushKeyResponse(string PublicKey);

public sealed record PushSubscriptionCreated(int Id);

/// <summary>Web push for the frontend's "notify me" (API.md "Web push"): the VAPID key, and browsers' subscriptions.</summary>
[ApiController]
[AllowAnonymous]
[Route("api/push")]
[Tags("Alerts")]
public sealed class PushController(AppDbContext db, VapidKeys keys, IOptions<PushOptions> push, IOptions<OutboundOptions> outbound, IOptions<SiteOptions> site, TimeProvider clock)
    : ControllerBase
{
    private const string Off = "Web push is not configured on this server.";

    [HttpGet("key")]
    [ProducesResponseType<PushKeyResponse>(200)]
    public IActionResult Key() => keys.Available ? Ok(new PushKeyResponse(keys.PublicKey!)) : ProblemConventions.Status(503, Off);

    /// <summary>A browser asks for new events matching `filters`, or for news of one `event` (cancelled, new date).</summary>
    [HttpPost("subscriptions")]
    [EnableRateLimiting(RateLimits.Alerts)]
    [ProducesResponseType<PushSubscriptionCreated>(201)]
    public async Task<IActionResult> Subscribe(PushSubscriptionRequest? request, CancellationToken ct)
    {
        if (!keys.Available)
        {
            return ProblemConventions.Status(503, Off);
        }
        var errors = new FieldErrors();
        var endpoint = Endpoint(request?.Endpoint, errors);
        var p256dh = Key(errors, "keys.p256dh", request?.Keys?.P256dh, 65, mustBePoint: true);
        var auth = Key(errors, "keys.auth", request?.Keys?.Auth, 16, mustBePoint: false);
        string? filters = null;
        int? eventId = null;
        var hasFilters = request?.Filters is { ValueKind: not JsonValueKind.Null };
        var hasEvent = request?.Event is { ValueKind: not JsonValueKind.Null };
        if (hasFilters == hasEvent)
        {
            errors.Add(hasFilters ? "event" : "filters", "Give either filters or an event, not both.");
        }
        else if (hasFilters)
        {
            filters = SubscriptionFilters.Parse(request!.Filters, errors, site.Value.Zone);
        }
        else if (request!.Event!.Value.ValueKind == JsonValueKind.Number && request.Event.Value.TryGetInt32(out var id) && id > 0)
        {
            if (await db.Events.AsNoTracking().Where(Event.IsPublic).AnyAsync(e => e.Id == id, ct))
            {
                eventId = id;
            }
            else
            {
                errors.Add("event", "No public event matches the given id.");
            }
        }
        else
        {
            errors.Add("event", "Expected the id of an event.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var held = await db.Set<PushSubscription>().Where(p => p.Endpoint == endpoint).ToListAsync(ct);
        var same = held.FirstOrDefault(p => p.Filters == filters && p.EventId == eventId);
        if (same is not null)
        {
            same.Rekey(p256dh!, auth!);
        }
        else if (held.Count >= push.Value.MaxPerEndpoint)
        {
            errors.Add("endpoint", $"A browser can hold at most {push.Value.MaxPerEndpoint} subscriptions.");
            return errors.ToProblem();
        }
        else
        {
            same = PushSubscription.Create(endpoint!, p256dh!, auth!, filters, eventId, site.Value.BaseUrl(Request), clock.GetUtcNow().UtcDateTime);
            db.Add(same);
        }
        await db.SaveChangesAsync(ct);
        return Created((string?)null, new PushSubscriptionCreated(same.Id));
    }

    /// <summary>The browser unsubscribed: every subscription of its endpoint ends.</summary>
    [HttpDelete("subscriptions")]
    [EnableRateLimiting(RateLimits.Alerts)]
    [ProducesResponseType(204)]
    public async Task<IActionResult> Unsubscribe(PushEndpointRequest? request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var endpoint = errors.Text("endpoint", request?.Endpoint, PushSubscription.EndpointMaxLength);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        await db.Set<PushSubscription>().Where(p => p.Endpoint == endpoint).ExecuteDeleteAsync(ct);
        return NoContent();
    }

    /// <summary>
    /// An https URL on a browser push service (`Push:AllowedHosts`). With `Outbound:AllowPrivateNetworks` (tests, private
    /// deployments), also a URL on a loopback or private address, plain http included.
    /// </summary>
    private string? Endpoint(string? text, FieldErrors errors)
    {
        var endpoint = errors.Text("endpoint", text, PushSubscription.EndpointMaxLength);
        if (endpoint is null)
        {
            return null;
        }
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.UserInfo.Length > 0)
        {
            errors.Add("endpoint", "Enter the push subscription's endpoint: an https URL.");
            return null;
        }
        var privateHost = uri.IsLoopback || (IPAddress.TryParse(uri.IdnHost, out var address) && !PublicAddresses.IsPublic(address));
        if (outbound.Value.AllowPrivateNetworks && privateHost)
        {
            return endpoint;
        }
        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add("endpoint", "The endpoint must be an https URL.");
            return null;
        }
        if (!push.Value.IsHostAllowed(uri.IdnHost))
        {
            errors.Add("endpoint", "The endpoint must be on a browser push service (Google, Mozilla, Apple or Microsoft).");
            return null;
        }
        return endpoint;
    }

    /// <summary>A base64url key of <paramref name="length"/> bytes; the browser's public key must be a point on P-256.</summary>
    private static string? Key(FieldErrors errors, string field, string? text, int length, bool mustBePoint)
    {
        var value = errors.Text(field, text, 200);
        if (value is null)
        {
            return null;
        }
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(value.TrimEnd('='));
        }
        catch (FormatException)
        {
            errors.Add(field, "Expected base64url.");
            return null;
        }
        if (bytes.Length != length || (mustBePoint && !IsP256Point(bytes)))
        {
            errors.Add(field, mustBePoint ? "Expected an uncompressed point on the P-256 curve (65 bytes, base64url)." : $"Expected {length} bytes, base64url.");
            return null;
        }
        return Base64Url.EncodeToString(bytes);
    }

    private static bool IsP256Point(byte[] q)
    {
        if (q[0] != 0x04)
        {
            return false;
        }
        try
        {
            using var key = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = q[1..33], Y = q[33..] } });
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
