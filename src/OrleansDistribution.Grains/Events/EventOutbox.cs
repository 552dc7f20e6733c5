using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Events;

namespace OrleansDistribution.Grains.Events;

/// <summary>
/// The silo's outgoing event queue. Grains hand it an event after the change is durable and go on at once;
/// one loop publishes whatever has piled up as one batch on the cluster-wide stream, so a burst of orders
/// costs a handful of stream calls instead of one round trip per change, and no grain waits on publication.
/// Events here are live notifications: the durable record of what a partner may see is its feed, written with the
/// state change itself (<see cref="Feed.IFeedingState"/>), and SSE reads that. If the silo dies, what was queued here
/// is lost, and no reader misses anything for it.
/// </summary>
public sealed partial class EventOutbox(IServiceProvider services, ILogger<EventOutbox> logger) : IDisposable
{
    /// <summary>Most events published in one stream call.</summary>
    public const int MaxBatch = 512;

    /// <summary>Most events waiting; beyond it the oldest are dropped, so a stalled stream cannot grow the silo's memory.</summary>
    public const int Capacity = 65_536;

    private readonly Channel<DistributionEvent> _queue = Channel.CreateBounded<DistributionEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, AllowSynchronousContinuations = false, FullMode = BoundedChannelFullMode.DropOldest });

    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _startLock = new();
    private Task? _loop;

    /// <summary>Queues an event for publication; never blocks and never throws.</summary>
    public void Publish(DistributionEvent distributionEvent)
    {
        if (_loop is null)
        {
            Start();
        }

        _queue.Writer.TryWrite(distributionEvent);
    }

    /// <summary>A new event ID: time-ordered so SSE clients can sort and de-duplicate.</summary>
    public static string NewEventId() => Guid.CreateVersion7().ToString("N");

    /// <inheritdoc />
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private void Start()
    {
        lock (_startLock)
        {
            // Started on first use rather than at silo start: the stream provider exists by then.
            _loop ??= Task.Run(PublishLoopAsync);
        }
    }

    private async Task PublishLoopAsync()
    {
        var stream = services.GetRequiredKeyedService<IStreamProvider>(DistributionNames.StreamProvider)
            .GetStream<DistributionEvent>(StreamId.Create(DistributionNames.EventsNamespace, DistributionNames.AllEventsKey));
        var batch = new List<DistributionEvent>(MaxBatch);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token))
            {
                while (batch.Count < MaxBatch && reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                try
                {
                    await stream.OnNextBatchAsync(batch);
                }
                catch (Exception exception)
                {
                    LogPublishFailed(logger, exception, batch.Count);
                }

                batch.Clear();
            }
        }
        catch (OperationCanceledException)
        {
            // Silo stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish {Count} events; they are dropped (events are notifications, state is the record)")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, int count);
}
