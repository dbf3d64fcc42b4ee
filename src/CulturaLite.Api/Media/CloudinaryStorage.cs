using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CulturaLite.Api.Media;

/// <summary>`Cloudinary:Url` = cloudinary://api_key:api_secret@cloud_name (as Cloudinary shows it).</summary>
public sealed record CloudinaryAccount(string CloudName, string ApiKey, string ApiSecret)
{
    public static CloudinaryAccount Parse(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != "cloudinary"
            || !uri.UserInfo.Contains(':') || string.IsNullOrEmpty(uri.Host))
        {
            throw new Web.SettingException("Cloudinary:Url must look like cloudinary://api_key:api_secret@cloud_name.");
        }
        var parts = uri.UserInfo.Split(':', 2);
        return new CloudinaryAccount(uri.Host, Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts[1]));
    }
}

/// <summary>
/// Cloudinary's signed upload API, written small since no SDK is available here: parameters
/// sorted by name, joined as `a=1&amp;b=2`, the API secret appended, SHA-1 hex as `signature`.
/// </summary>
public sealed class CloudinaryStorage(HttpClient http, CloudinaryAccount account, TimeProvider clock) : IImageStorage
{
    public const string DefaultApiBase = "https://api.cloudinary.com";

    public async Task<StoredFile> SaveAsync(string folder, string extension, string contentType, Stream data, string requestBaseUrl, CancellationToken ct)
    {
        var publicId = $"culturalite/{folder}/{Guid.NewGuid():N}";
        var parameters = SignedParameters(new SortedDictionary<string, string>(StringComparer.Ordinal) { ["public_id"] = publicId });
        using var form = new MultipartFormDataContent();
        foreach (var (key, value) in parameters)
        {
            form.Add(new StringContent(value), key);
        }
        var file = new StreamContent(data);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", $"upload.{extension}");
        using var response = await http.PostAsync($"v1_1/{account.CloudName}/image/upload", form, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new ImageStorageException($"Cloudinary upload failed with {(int)response.StatusCode}.");
        }
        using var json = JsonDocument.Parse(body);
        var url = json.RootElement.TryGetProperty("secure_url", out var secure) ? secure.GetString() : null;
        var id = json.RootElement.TryGetProperty("public_id", out var pid) ? pid.GetString() : publicId;
        return new StoredFile(id ?? publicId, url ?? throw new ImageStorageException("Cloudinary did not return a URL."));
    }

    /// <summary>Reads the image back from its public delivery URL (for link previews), bounded in size.</summary>
    /// <summary>Unknown without a request to Cloudinary (feeds then say 0, as RSS allows for an unknown length).</summary>
    public long? LengthOf(string key) => null;

    public async Task<byte[]?> ReadAsync(string key, string url, long maxBytes, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > maxBytes)
            {
                return null;
            }
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            int n;
            while ((n = await body.ReadAsync(buffer, ct)) > 0)
            {
                if (copy.Length + n > maxBytes)
                {
                    return null;
                }
                copy.Write(buffer, 0, n);
            }
            return copy.ToArray();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken ct)
    {
        var parameters = SignedParameters(new SortedDictionary<string, string>(StringComparer.Ordinal) { ["public_id"] = key });
        using var response = await http.PostAsync($"v1_1/{account.CloudName}/image/destroy", new FormUrlEncodedContent(parameters), ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new ImageStorageException($"Cloudinary delete failed with {(int)response.StatusCode}.");
        }
    }

    private SortedDictionary<string, string> SignedParameters(SortedDictionary<string, string> parameters)
    {
        parameters["timestamp"] = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        parameters["signature"] = Sign(parameters, account.ApiSecret);
        parameters["api_key"] = account.ApiKey;
        return parameters;
    }

    /// <summary>Cloudinary's signature over every parameter except file, api_key, resource_type and cloud_name.</summary>
    public static string Sign(IEnumerable<KeyValuePair<string, string>> parameters, string apiSecret)
    {
        var toSign = string.Join('&', parameters
            .Where(p => p.Key is not ("file" or "api_key" or "resource_type" or "cloud_name" or "signature") && p.Value.Length > 0)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(toSign + apiSecret)));
    }
}

public sealed class ImageStorageException(string message) : Exception(message);
