namespace CulturaLite.Api.Media;

/// <summary>Where images are kept: local disk by default, Cloudinary when configured.</summary>
public interface IImageStorage
{
    /// <summary>Stores the bytes under a new random key; returns the key and the absolute public URL.</summary>
    Task<StoredFile> SaveAsync(string folder, string extension, string contentType, Stream data, string requestBaseUrl, CancellationToken ct);

    Task DeleteAsync(string key, CancellationToken ct);

    /// <summary>The stored bytes (at most <paramref name="maxBytes"/>), or null when they cannot be read back.</summary>
    Task<byte[]?> ReadAsync(string key, string url, long maxBytes, CancellationToken ct);

    /// <summary>The stored file's size in bytes when the storage knows it without a request; null otherwise.</summary>
    long? LengthOf(string key);
}

public sealed record StoredFile(string Key, string Url);

/// <summary>Files under `Media:Root`, served under /media/ by the app itself.</summary>
public sealed class LocalImageStorage(Microsoft.Extensions.Options.IOptions<MediaOptions> mediaOptions) : IImageStorage
{
    private readonly MediaOptions options = mediaOptions.Value;

    public const string RequestPath = "/media";

    public async Task<StoredFile> SaveAsync(string folder, string extension, string contentType, Stream data, string requestBaseUrl, CancellationToken ct)
    {
        var key = $"{folder}/{Guid.NewGuid():N}.{extension}";
        var path = PathFor(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16 * 1024, useAsync: true))
        {
            await data.CopyToAsync(file, 16 * 1024, ct);
        }
        var baseUrl = (options.PublicBaseUrl ?? requestBaseUrl).TrimEnd('/');
        return new StoredFile(key, $"{baseUrl}{RequestPath}/{key}");
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        var path = PathFor(key);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
        return Task.CompletedTask;
    }

    public async Task<byte[]?> ReadAsync(string key, string url, long maxBytes, CancellationToken ct)
    {
        var path = PathFor(key);
        if (!File.Exists(path) || new FileInfo(path).Length > maxBytes)
        {
            return null;
        }
        return await File.ReadAllBytesAsync(path, ct);
    }

    public long? LengthOf(string key)
    {
        var file = new FileInfo(PathFor(key));
        return file.Exists ? file.Length : null;
    }

    private string PathFor(string key)
    {
        var root = Path.GetFullPath(options.Root!);
        var full = Path.GetFullPath(Path.Combine(root, key));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Storage key escapes the media root.");
        }
        return full;
    }
}
