namespace CulturaLite.Api.Events;

/// <summary>What a vendor's form asks for the image.</summary>
public abstract record ImageChoice
{
    /// <summary>An uploaded file, to be checked and stored.</summary>
    public sealed record Upload(IFormFile File) : ImageChoice;

    /// <summary>An external http(s) URL, stored as given and never fetched.</summary>
    public sealed record External(string Url) : ImageChoice;

    /// <summary>An edit that leaves the image as it is.</summary>
    public sealed record Keep : ImageChoice;
}
