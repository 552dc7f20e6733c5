using System.Threading.Channels;
using OrleansDistribution.Abstractions.Events;

namespace OrleansDistribution.Api.Streaming;

/// <summary>One live SSE connection's view of the event feed; disposing it unsubscribes.</summary>
public sealed class EventSubscriber(Func<DistributionEvent, bool> filter, Action<EventSubscriber> onDispose) : IDisposable
{
    /// <summary>How many events a slow client may lag behind before the oldest are dropped.</summary>
    public const int Capacity = 1_000;

    private readonly Channel<DistributionEvent> _channel = Channel.CreateBounded<DistributionEvent>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>Events for this subscriber, in arrival order.</summary>
    public ChannelReader<DistributionEvent> Events => _channel.Reader;

    /// <summary>Offers an event; it is kept only if this subscriber may see it.</summary>
    public void Offer(DistributionEvent distributionEvent)
    {
        if (filter(distributionEvent))
        {
            _channel.Writer.TryWrite(distributionEvent);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _channel.Writer.TryComplete();
        onDispose(this);
    }
}
