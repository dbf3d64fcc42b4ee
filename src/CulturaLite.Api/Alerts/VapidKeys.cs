using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using CulturaLite.Api.Web;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Alerts;

/// <summary>
/// The VAPID key pair (RFC 8292) that signs our pushes: `Push:VapidPublicKey` and `Push:VapidPrivateKey`; in Development
/// without them, a pair generated once into `.keys/vapid.json` (browsers' subscriptions are bound to the public key, so it
/// must outlive restarts); in tests, a pair for the process. Elsewhere without them, web push is off.
/// </summary>
public sealed class VapidKeys
{
    public string? PublicKey { get; }
    public string? PrivateKey { get; }

    public bool Available => PublicKey is not null;

    public VapidKeys(IOptions<PushOptions> options, IHostEnvironment environment, ILogger<VapidKeys> logger)
    {
        var push = options.Value;
        if (!string.IsNullOrWhiteSpace(push.VapidPublicKey) || !string.IsNullOrWhiteSpace(push.VapidPrivateKey))
        {
            if (Refusal(push.VapidPublicKey, push.VapidPrivateKey) is { } refusal)
            {
                throw new SettingException(refusal);
            }
            (PublicKey, PrivateKey) = (push.VapidPublicKey!.Trim(), push.VapidPrivateKey!.Trim());
            return;
        }
        if (environment.IsDevelopment())
        {
            (PublicKey, PrivateKey) = LoadOrCreate(Path.Combine(environment.ContentRootPath, ".keys", "vapid.json"));
        }
        else if (environment.IsEnvironment("Testing"))
        {
            (PublicKey, PrivateKey) = Generate();
        }
        else
        {
            logger.LogWarning("Web push is off: set Push__VapidPublicKey and Push__VapidPrivateKey to turn it on.");
        }
    }

    /// <summary>Why a configured pair cannot be used, naming the setting; null when it can.</summary>
    public static string? Refusal(string? publicKey, string? privateKey)
    {
        if (string.IsNullOrWhiteSpace(publicKey) || string.IsNullOrWhiteSpace(privateKey))
        {
            return "Push:VapidPublicKey and Push:VapidPrivateKey must be set together (Push__VapidPublicKey, Push__VapidPrivateKey).";
        }
        try
        {
            var q = Base64Url.DecodeFromChars(publicKey.Trim());
            var d = Base64Url.DecodeFromChars(privateKey.Trim());
            if (q is not [0x04, ..] || q.Length != 65 || d.Length != 32)
            {
                return "Push:VapidPublicKey must be an uncompressed P-256 point and Push:VapidPrivateKey a 32-byte key, both base64url.";
            }
            using var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d, Q = new ECPoint { X = q[1..33], Y = q[33..] } });
            return null;
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return "Push:VapidPublicKey and Push:VapidPrivateKey are not a P-256 key pair in base64url.";
        }
    }

    private static (string, string) LoadOrCreate(string path)
    {
        if (File.Exists(path) && JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) is { } saved
            && saved.TryGetValue("public_key", out var pub) && saved.TryGetValue("private_key", out var priv) && Refusal(pub, priv) is null)
        {
            return (pub, priv);
        }
        var pair = Generate();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(new Dictionary<string, string> { ["public_key"] = pair.Item1, ["private_key"] = pair.Item2 }));
        return pair;
    }

    public static (string PublicKey, string PrivateKey) Generate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: true);
        return (Base64Url.EncodeToString([0x04, .. p.Q.X!, .. p.Q.Y!]), Base64Url.EncodeToString(p.D!));
    }
}
