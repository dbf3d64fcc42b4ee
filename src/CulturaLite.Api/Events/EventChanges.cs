namespace CulturaLite.Api.Events;

/// <summary>
/// Announces that public event data changed (a submission, an edit, a decision, a category change),
/// so anything cached from it can be dropped. Subscribers live in the modules that cache.
/// </summary>
public sealed class EventChanges
{
    public const string Topic = "events";

    private readonly Data.ChangeFeed _feed;

    public EventChanges(Data.ChangeFeed feed)
    {
        _feed = feed;
        // Another instance's change is this instance's change too (without announcing it again).
        feed.Received += message =>
        {
            if (message is Topic or Data.ChangeFeed.Everything)
            {
                Changed?.Invoke();
            }
        };
    }

    public event Action? Changed;

    /// <summary>Public event data changed: a submission, an edit, a deletion, a decision or a category.</summary>
    public void Publish()
    {
        Changed?.Invoke();
        _feed.Broadcast(Topic);
    }
}
