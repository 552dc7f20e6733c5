using Orleans.Streams;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Events;

namespace OrleansDistribution.Grains.Events;

/// <summary>Publishes status events from a grain to the cluster-wide event stream.</summary>
internal static partial class EventPublisher
{
    /// <summary>
    /// Publishes after state was written. A failed publish is logged, not thrown: the change already
    /// happened and the caller must not see it as failed (readers re-read state; events are notifications).
    /// </summary>
    public static async Task PublishAsync(this Grain grain, DistributionEvent distributionEvent, ILogger logger)
    {
        try
        {
            var stream = grain.GetStreamProvider(DistributionNames.StreamProvider)
                .GetStream<DistributionEvent>(StreamId.Create(DistributionNames.EventsNamespace, DistributionNames.AllEventsKey));
            await stream.OnNextAsync(distributionEvent);
        }
        catch (Exception exception)
        {
            LogPublishFailed(logger, exception, distributionEvent.EventType, distributionEvent.EventId, distributionEvent.CorrelationId);
        }
    }

    /// <summary>A new event ID: time-ordered so SSE clients can sort and de-duplicate.</summary>
    public static string NewEventId() => Guid.CreateVersion7().ToString("N");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish {EventType} {EventId} (correlation {CorrelationId})")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string eventType, string eventId, string correlationId);
}
