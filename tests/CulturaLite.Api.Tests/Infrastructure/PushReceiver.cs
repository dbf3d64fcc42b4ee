using System.Buffers.Binary;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CulturaLite.Api.Tests.Infrastructure;

/// <summary>
/// A push service and a browser in one, on a loopback port: it hands out subscriptions (an endpoint, a P-256 key pair
/// and an auth secret it keeps), and for each push it receives it checks the VAPID signature (RFC 8292) against the
/// server's public key and decrypts the aes128gcm payload (RFC 8188, 8291) with the subscription's private key, the
/// way a browser does. It answers what the test tells it for each endpoint (201 by default).
/// </summary>
public sealed class PushReceiver : IAsyncDisposable
{
    public sealed record Subscription(string Endpoint, string P256dh, string Auth, ECDiffieHellman Key, byte[] Secret);

    /// <summary>A push as the browser read it: its decrypted JSON, the VAPID claims, and what was wrong with it, if anything.</summary>
    public sealed record Push(string Endpoint, JsonNode? Message, JsonNode? Claims, string? VapidKey, string? Problem, DateTime At);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Subscription> _subscriptions = new();
    private readonly ConcurrentQueue<Push> _pushes = new();
    private int _count;

    /// <summary>The status each endpoint answers (201 when not set); a negative value answers its absolute value once, then 201.</summary>
    public ConcurrentDictionary<string, int> Status { get; } = new();

    /// <summary>The `Retry-After` (seconds) sent with a once-only answer.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    public Uri Address { get; }

    public IReadOnlyList<Push> Pushes => _pushes.ToArray();

    private PushReceiver(WebApplication app, Uri address) => (_app, Address) = (app, address);

    public static async Task<PushReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        PushReceiver? receiver = null;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var endpoint = new Uri(receiver!.Address, context.Request.Path.Value).ToString();
            if (!receiver._subscriptions.TryGetValue(endpoint, out var subscription))
            {
                context.Response.StatusCode = 404;
                return;
            }
            receiver._pushes.Enqueue(Read(subscription, context.Request, body.ToArray(), receiver.Address));
            var status = receiver.Status.GetValueOrDefault(endpoint, 201);
            if (status < 0)
            {
                receiver.Status[endpoint] = 201;
                status = -status;
                context.Response.Headers.RetryAfter = receiver.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            context.Response.StatusCode = status;
        });
        await app.StartAsync();
        receiver = new PushReceiver(app, new Uri(app.Urls.First()));
        return receiver;
    }

    /// <summary>A new browser subscription on this push service, as `PushSubscription.toJSON()` gives it.</summary>
    public Subscription Subscribe()
    {
        var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(false).Q;
        var secret = RandomNumberGenerator.GetBytes(16);
        var endpoint = new Uri(Address, $"/push/{Interlocked.Increment(ref _count)}-{Guid.NewGuid():N}").ToString();
        var subscription = new Subscription(endpoint, Base64Url.EncodeToString([0x04, .. q.X!, .. q.Y!]), Base64Url.EncodeToString(secret), key, secret);
        _subscriptions[endpoint] = subscription;
        return subscription;
    }

    private static Push Read(Subscription to, HttpRequest request, byte[] body, Uri origin)
    {
        var at = DateTime.UtcNow;
        try
        {
            var (claims, vapidKey) = Vapid(request.Headers.Authorization.ToString());
            // The audience is the push service's origin. Lib.Net.Http.WebPush writes it without the port (scheme and host):
            // the same for every browser push service (all on 443), not for this one on a loopback port.
            if ((string?)claims["aud"] is not { } aud || (aud != origin.GetLeftPart(UriPartial.Authority) && aud != $"{origin.Scheme}://{origin.Host}"))
            {
                return new Push(to.Endpoint, null, claims, vapidKey, $"aud is {(string?)claims["aud"]}", at);
            }
            if (request.Headers.ContentEncoding.ToString() != "aes128gcm")
            {
                return new Push(to.Endpoint, null, claims, vapidKey, "not aes128gcm", at);
            }
            return new Push(to.Endpoint, JsonNode.Parse(Decrypt(to, body)), claims, vapidKey, null, at);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return new Push(to.Endpoint, null, null, null, e.Message, at);
        }
    }

    /// <summary>RFC 8292: `vapid t=JWT, k=KEY`; the JWT's ES256 signature must verify with k.</summary>
    private static (JsonNode Claims, string Key) Vapid(string authorization)
    {
        if (!authorization.StartsWith("vapid ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Authorization is not vapid: {authorization}");
        }
        var parts = authorization[6..].Split(',', StringSplitOptions.TrimEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var (jwt, k) = (parts["t"], parts["k"]);
        var q = Base64Url.DecodeFromChars(k);
        using var verifier = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = q[1..33], Y = q[33..] } });
        var pieces = jwt.Split('.');
        if (!verifier.VerifyData(Encoding.ASCII.GetBytes(pieces[0] + "." + pieces[1]), Base64Url.DecodeFromChars(pieces[2]), HashAlgorithmName.SHA256))
        {
            throw new InvalidOperationException("The VAPID signature does not verify.");
        }
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(pieces[0]))!;
        if ((string?)header["alg"] != "ES256")
        {
            throw new InvalidOperationException("The VAPID JWT is not ES256.");
        }
        return (JsonNode.Parse(Base64Url.DecodeFromChars(pieces[1]))!, k);
    }

    /// <summary>RFC 8291 section 3.4 and RFC 8188: one record, as a browser decrypts it.</summary>
    private static string Decrypt(Subscription to, byte[] body)
    {
        var salt = body[..16];
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        var idLength = body[20];
        var serverPublic = body[21..(21 + idLength)];
        var cipher = body[(21 + idLength)..];
        if (cipher.Length > recordSize)
        {
            throw new InvalidOperationException("More than one record.");
        }
        using var server = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = serverPublic[1..33], Y = serverPublic[33..] },
        });
        var shared = to.Key.DeriveRawSecretAgreement(server.PublicKey);
        var userPublic = Base64Url.DecodeFromChars(to.P256dh);
        byte[] keyInfo = [.. "WebPush: info\0"u8, .. userPublic, .. serverPublic];
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, to.Secret, keyInfo);
        var cek = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 16, salt, "Content-Encoding: aes128gcm\0"u8.ToArray());
        var nonce = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 12, salt, "Content-Encoding: nonce\0"u8.ToArray());
        var plain = new byte[cipher.Length - 16];
        using (var gcm = new AesGcm(cek, 16))
        {
            gcm.Decrypt(nonce, cipher[..^16], cipher[^16..], plain);
        }
        // The last record ends with the delimiter 0x02 and any padding zeros.
        var end = Array.LastIndexOf(plain, (byte)0x02);
        if (end < 0 || plain[(end + 1)..].Any(b => b != 0))
        {
            throw new InvalidOperationException("No last-record delimiter.");
        }
        return Encoding.UTF8.GetString(plain, 0, end);
    }

    public async Task<Push> WaitForAsync(Func<Push, bool> match, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < until)
        {
            if (Pushes.FirstOrDefault(match) is { } found)
            {
                return found;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"No matching push arrived; received: {string.Join(" | ", Pushes.Select(p => p.Message?.ToJsonString() ?? p.Problem))}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var s in _subscriptions.Values)
        {
            s.Key.Dispose();
        }
    }
}
