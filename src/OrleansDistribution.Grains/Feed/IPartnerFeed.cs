namespace OrleansDistribution.Grains.Feed;

/// <summary>
/// The read side of the durable per-partner feeds. Every event a partner may see (its orders' status changes, its
/// promised availability) is appended to its feed in the same transaction as the grain state change that caused it
/// (see <see cref="IFeedingState"/>), so the feed holds exactly the changes that are durable, in order per partner.
/// SSE, the feed API and webhook delivery all read from here.
/// </summary>
public interface IPartnerFeed
{
    /// <summary>How long the feed keeps an event (<c>Distribution:Feed:Retention</c>, default 7 days).</summary>
    TimeSpan Retention { get; }

    /// <summary>
    /// Reads up to <paramref name="limit"/> events of <paramref name="partnerId"/> after <paramref name="after"/>
    /// (<see cref="FeedCursor.Start"/>: from the oldest retained), oldest first. A read never returns an event before
    /// one it returned earlier to a reader that went on from the last cursor: no gaps, no reordering.
    /// </summary>
    Task<FeedPage> ReadAsync(string partnerId, FeedCursor after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The cursor of the newest event of <paramref name="partnerId"/> a read returns now (<see cref="FeedCursor.Start"/>
    /// for an empty feed): a reader that starts "from now" reads on from here and misses nothing that commits later.
    /// </summary>
    Task<FeedCursor> EndAsync(string partnerId, CancellationToken cancellationToken);
}
