using OrleansDistribution.Abstractions.Events;
using OrleansDistribution.Grains.Feed;

namespace OrleansDistribution.Testing;

/// <summary>
/// A recording of what one partner receives: the events of its durable feed, which its SSE stream, <c>GET /v1/feed</c>
/// and webhooks all deliver, in the order they deliver them. Not thread-safe: one test reads it.
/// </summary>
public sealed class PartnerEvents
{
    private const int PageSize = 500;
    private readonly string _partnerId;
    private readonly IPartnerFeed _feed;
    private readonly List<DistributionEvent> _received = [];
    private FeedCursor _cursor = FeedCursor.Start;

    internal PartnerEvents(string partnerId, IPartnerFeed feed)
    {
        _partnerId = partnerId;
        _feed = feed;
    }

    /// <summary>Every event read so far, oldest first.</summary>
    public IReadOnlyList<DistributionEvent> Received => _received;

    /// <summary>Reads what arrived since the last read and returns everything received.</summary>
    public async Task<IReadOnlyList<DistributionEvent>> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var page = await _feed.ReadAsync(_partnerId, _cursor, PageSize, cancellationToken);
            _received.AddRange(page.Entries.Select(entry => entry.Event));
            if (page.Last is { } last)
            {
                _cursor = last;
            }

            if (page.Entries.Count < PageSize)
            {
                return _received;
            }
        }
    }

    /// <summary>Waits until an event of type <typeparamref name="TEvent"/> matching <paramref name="condition"/> arrived, and returns it.</summary>
    public async Task<TEvent> WaitForAsync<TEvent>(Func<TEvent, bool> condition, string expectation, TimeSpan? timeout = null)
        where TEvent : DistributionEvent
    {
        var received = await Eventually.MatchesAsync(
            () => ReadAsync(),
            events => events.OfType<TEvent>().Any(condition),
            expectation,
            timeout);
        return received.OfType<TEvent>().First(condition);
    }
}
