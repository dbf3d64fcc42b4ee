namespace CulturaLite.Api.Web;

/// <summary>
/// The query parameters an endpoint reads besides `page` and `page_size`. Its `next`/`previous` links keep
/// exactly these (canonically ordered): a parameter it ignores must not travel from one visitor's request
/// into links that a cache then hands to everyone.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class ReadsQueryAttribute(params string[] names) : Attribute
{
    /// <summary>Every event filter (<see cref="Events.EventFilter.AllQueryNames"/>) and <paramref name="others"/>.</summary>
    public ReadsQueryAttribute(ReadsEventFilters filters, params string[] others)
        : this([.. filters == ReadsEventFilters.All ? Events.EventFilter.AllQueryNames : Events.EventFilter.PublicQueryNames, .. others])
    {
    }

    public IReadOnlyList<string> Names { get; } = names;
}

/// <summary>Which event filters a list reads (<see cref="Events.EventFilter.IsPublic"/>).</summary>
public enum ReadsEventFilters
{
    /// <summary>The public ones.</summary>
    Public,

    /// <summary>All of them (the dashboard and the admin lists).</summary>
    All,
}
