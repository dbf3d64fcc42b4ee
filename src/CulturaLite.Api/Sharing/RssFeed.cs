using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;

namespace CulturaLite.Api.Sharing;

/// <summary>RSS 2.0 for public events, written by System.ServiceModel.Syndication.</summary>
public static class RssFeed
{
    public const string ContentType = "application/rss+xml; charset=utf-8";
    private const string Atom = "http://www.w3.org/2005/Atom";

    /// <param name="events">The items, in list order.</param>
    /// <param name="host">The host the items' guids are made with.</param>
    /// <param name="shareUrl">Each event's share link.</param>
    /// <param name="selfUrl">The feed's own URL (`atom:link rel="self"`).</param>
    /// <param name="siteUrl">The site's origin.</param>
    /// <param name="title">The channel's title.</param>
    /// <param name="imageLength">Each event's image size in bytes, when known (RSS asks for 0 when it is not).</param>
    public static string Write(IEnumerable<SharedEvent> events, string host, Func<int, string> shareUrl, string selfUrl, string siteUrl, string title,
        Func<SharedEvent, long?> imageLength)
    {
        var items = events.Select(e =>
        {
            var item = new SyndicationItem(e.IsCancelled ? "Cancelled: " + e.Title : e.Title, e.Description, new Uri(shareUrl(e.Id)), e.Uid(host), new DateTimeOffset(e.UpdatedAt))
            {
                PublishDate = new DateTimeOffset(e.ApprovedAt ?? e.UpdatedAt),
            };
            item.Categories.Add(new SyndicationCategory(e.Category));
            if (Uri.TryCreate(e.ImageUrl, UriKind.Absolute, out var image))
            {
                var length = imageLength(e) ?? 0;
                var enclosure = SyndicationLink.CreateMediaEnclosureLink(image, MediaType(image), length);
                if (length == 0)
                {
                    // The formatter leaves out a zero length, but `length` is required: 0 says "unknown".
                    enclosure.AttributeExtensions.Add(new XmlQualifiedName("length"), "0");
                }
                item.Links.Add(enclosure);
            }
            return item;
        }).ToList();
        var feed = new SyndicationFeed(title, "Cultural events in India, approved by a person.", new Uri(siteUrl), items)
        {
            Language = "en-IN",
            LastUpdatedTime = items.Count == 0 ? DateTimeOffset.UtcNow : items.Max(i => i.LastUpdatedTime),
        };
        feed.AttributeExtensions.Add(new XmlQualifiedName("atom", "http://www.w3.org/2000/xmlns/"), Atom);
        // <atom:link rel="self">, which feed validators ask for.
        var self = new System.Xml.Linq.XElement(System.Xml.Linq.XName.Get("link", Atom),
            new System.Xml.Linq.XAttribute("href", selfUrl), new System.Xml.Linq.XAttribute("rel", "self"),
            new System.Xml.Linq.XAttribute("type", "application/rss+xml"));
        feed.ElementExtensions.Add(self.CreateReader());
        var sb = new StringBuilder();
        using (var writer = XmlWriter.Create(sb, new XmlWriterSettings { Indent = false, Encoding = Encoding.UTF8 }))
        {
            new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false).WriteTo(writer);
        }
        return sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static string MediaType(Uri image) => Path.GetExtension(image.AbsolutePath).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".webp" => "image/webp",
        ".gif" => "image/gif",
        _ => "image/jpeg",
    };
}
