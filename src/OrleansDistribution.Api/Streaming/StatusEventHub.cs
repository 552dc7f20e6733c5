using System.Collections.Concurrent;
using Orleans.Streams;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Events;

namespace OrleansDistribution.Api.Streaming;

/// <summary>
/// Subscribes this API silo once to the cluster's event stream and fans events out to SSE connections.
/// Streams are at-least-once, so events seen recently are dropped by ID before fan-out.
/// </summary>
public sealed partial class StatusEventHub(IClusterClient client, ILogger<StatusEventHub> logger) : IHostedService, IDisposable
{
    private const int RememberedEventIds = 10_000;

    /// <summary>
    /// How often the hub checks its subscription still exists. The pub/sub registry lives in silo memory;
    /// if the silo holding it dies, the registration is gone and this is what brings the feed back.
    /// </summary>
    private static readonly TimeSpan SubscriptionCheckPeriod = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<EventSubscriber, byte> _subscribers = new();
    private readonly HashSet<string> _recentIds = new(StringComparer.Ordinal);
    private readonly Queue<string> _recentOrder = new();
    private readonly Lock _recentLock = new();
    private StreamSubscriptionHandle<DistributionEvent>? _subscription;
    private Timer? _subscriptionCheck;

    /// <summary>Registers a listener that receives events passing <paramref name="filter"/>.</summary>
    public EventSubscriber Subscribe(Func<DistributionEvent, bool> filter)
    {
        var subscriber = new EventSubscriber(filter, s => _subscribers.TryRemove(s, out _));
        _subscribers.TryAdd(subscriber, 0);
        return subscriber;
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = await Stream().SubscribeAsync(OnNextAsync, OnErrorAsync);
        _subscriptionCheck = new Timer(_ => _ = EnsureSubscribedAsync(), null, SubscriptionCheckPeriod, SubscriptionCheckPeriod);
    }

    /// <inheritdoc />
    public void Dispose() => _subscriptionCheck?.Dispose();

    private IAsyncStream<DistributionEvent> Stream() =>
        client.GetStreamProvider(DistributionNames.StreamProvider)
            .GetStream<DistributionEvent>(StreamId.Create(DistributionNames.EventsNamespace, DistributionNames.AllEventsKey));

    private async Task EnsureSubscribedAsync()
    {
        try
        {
            var stream = Stream();
            var handles = await stream.GetAllSubscriptionHandles();
            if (_subscription is null || !handles.Any(handle => handle.HandleId == _subscription.HandleId))
            {
                _subscription = await stream.SubscribeAsync(OnNextAsync, OnErrorAsync);
                LogResubscribed(logger);
            }
        }
        catch (Exception exception)
        {
            // The cluster may be mid-failover; the next check tries again.
            LogSubscriptionCheckFailed(logger, exception);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscriptionCheck?.Dispose();
        if (_subscription is not null)
        {
            try
            {
                await _subscription.UnsubscribeAsync();
            }
            catch (Exception exception)
            {
                // The silo may already be stopping; the subscription dies with it.
                LogUnsubscribeFailed(logger, exception);
            }
        }

        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Dispose();
        }
    }

    private Task OnNextAsync(DistributionEvent distributionEvent, StreamSequenceToken? token)
    {
        if (FirstSighting(distributionEvent.EventId))
        {
            foreach (var subscriber in _subscribers.Keys)
            {
                subscriber.Offer(distributionEvent);
            }
        }

        return Task.CompletedTask;
    }

    private Task OnErrorAsync(Exception exception)
    {
        LogStreamError(logger, exception);
        return Task.CompletedTask;
    }

    private bool FirstSighting(string eventId)
    {
        lock (_recentLock)
        {
            if (!_recentIds.Add(eventId))
            {
                return false;
            }

            _recentOrder.Enqueue(eventId);
            if (_recentOrder.Count > RememberedEventIds)
            {
                _recentIds.Remove(_recentOrder.Dequeue());
            }

            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event stream reported an error")]
    private static partial void LogStreamError(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event stream subscription was missing (its pub/sub registry was lost); subscribed again")]
    private static partial void LogResubscribed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the event stream subscription")]
    private static partial void LogSubscriptionCheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unsubscribing from the event stream failed during shutdown")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception);
}
