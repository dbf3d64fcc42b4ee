namespace CulturaLite.Api.Web;

/// <summary>
/// The query parameters an endpoint reads besides `page` and `page_size`. Its `next`/`previous` links keep
/// exactly these (canonically ordered): a parameter it ignores must not travel from one visitor's request
/// into links that a cache then hands to everyone.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class ReadsQueryAttribute(params string[] names) : Attribute
{
    /// <summary>The endpoint also reads every event filter (<see cref="Events.EventFilter.AllQueryNames"/>).</summary>
    public bool EventFilters { get; init; }

    public IReadOnlyList<string> Names => EventFilters ? [.. Events.EventFilter.AllQueryNames, .. names] : names;
}
