using OrleansDistribution.Abstractions.Events;
using OrleansDistribution.Grains.Feed;

namespace OrleansDistribution.Grains.Tests.Fixtures;

/// <summary>
/// A partner feed in test memory, for grains that read feeds (webhook delivery) tested on their own: a test appends
/// the events its scenario needs, the grains read them through <see cref="IPartnerFeed"/> like the real one.
/// </summary>
public sealed class InMemoryPartnerFeed : IPartnerFeed
{
    private readonly Dictionary<string, List<FeedEntry>> _feeds = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private UInt128 _last;

    /// <inheritdoc />
    public TimeSpan Retention { get; } = TimeSpan.FromDays(7);

    /// <summary>Appends an event to a partner's feed and returns it at its position.</summary>
    public FeedEntry Append(string partnerId, DistributionEvent distributionEvent)
    {
        lock (_gate)
        {
            var entry = new FeedEntry(new FeedCursor(++_last), distributionEvent);
            if (!_feeds.TryGetValue(partnerId, out var feed))
            {
                _feeds[partnerId] = feed = [];
            }

            feed.Add(entry);
            return entry;
        }
    }

    /// <inheritdoc />
    public Task<FeedCursor> EndAsync(string partnerId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_feeds.TryGetValue(partnerId, out var feed) && feed.Count > 0 ? feed[^1].Cursor : FeedCursor.Start);
        }
    }

    /// <inheritdoc />
    public Task<FeedPage> ReadAsync(string partnerId, FeedCursor after, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<FeedEntry> entries = _feeds.TryGetValue(partnerId, out var feed)
                ? [.. feed.Where(entry => entry.Cursor > after).Take(limit)]
                : [];
            return Task.FromResult(new FeedPage(entries, false, Retention));
        }
    }
}
