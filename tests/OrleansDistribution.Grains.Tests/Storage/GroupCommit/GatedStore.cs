using OrleansDistribution.Grains.Feed;
using System.Collections.Concurrent;
using OrleansDistribution.Hosting.Storage.GroupCommit;

namespace OrleansDistribution.Grains.Tests.Storage.GroupCommit;

/// <summary>
/// A store in front of a real one that can hold the next batch until the test releases it (so the operations a test
/// issues meanwhile are known to queue up behind it, with no timing involved), inject a failure instead of writing,
/// and record every batch it saw.
/// </summary>
public sealed class GatedStore(IGrainStateStore inner, int maxConcurrentBatches = 1) : IGrainStateStore
{
    /// <inheritdoc />
    public int MaxConcurrentBatches => maxConcurrentBatches;

    private readonly ConcurrentQueue<int> _writeBatches = new();
    private readonly ConcurrentQueue<int> _readBatches = new();
    private readonly ConcurrentQueue<byte[]?> _payloads = new();
    private BatchGate? _writeGate;
    private BatchGate? _readGate;

    /// <summary>When set, write batches throw this instead of reaching the real store.</summary>
    public Exception? WriteFailure { get; set; }

    /// <summary>Sizes of the write batches seen, in order.</summary>
    public IReadOnlyList<int> WriteBatches => [.. _writeBatches];

    /// <summary>Sizes of the read batches seen, in order.</summary>
    public IReadOnlyList<int> ReadBatches => [.. _readBatches];

    /// <summary>Every payload written, in order.</summary>
    public IReadOnlyList<byte[]?> Payloads => [.. _payloads];

    /// <summary>The real store.</summary>
    public IGrainStateStore Inner => inner;

    /// <summary>Holds the next write batch; the returned gate says when it arrived and lets it go.</summary>
    public BatchGate HoldNextWrite() => _writeGate = new BatchGate();

    /// <summary>Holds the next read batch.</summary>
    public BatchGate HoldNextRead() => _readGate = new BatchGate();

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => inner.StartAsync(cancellationToken);

    /// <inheritdoc />
    public async Task ReadAsync(IReadOnlyList<StateRead> batch, CancellationToken cancellationToken)
    {
        _readBatches.Enqueue(batch.Count);
        if (Interlocked.Exchange(ref _readGate, null) is { } gate)
        {
            await gate.PassAsync();
        }

        await inner.ReadAsync(batch, cancellationToken);
    }

    /// <inheritdoc />
    public async Task WriteAsync(IReadOnlyList<StateWrite> batch, CancellationToken cancellationToken)
    {
        _writeBatches.Enqueue(batch.Count);
        foreach (var write in batch)
        {
            _payloads.Enqueue(write.Payload);
        }

        if (Interlocked.Exchange(ref _writeGate, null) is { } gate)
        {
            await gate.PassAsync();
        }

        if (WriteFailure is { } failure)
        {
            throw failure;
        }

        await inner.WriteAsync(batch, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> DueAsync(string stateName, DateTimeOffset dueBy, int limit, CancellationToken cancellationToken) =>
        inner.DueAsync(stateName, dueBy, limit, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<OrleansDistribution.Abstractions.Orders.OrderSummary>> SearchOrdersAsync(
        OrleansDistribution.Abstractions.Orders.OrderSearch search, CancellationToken cancellationToken) =>
        inner.SearchOrdersAsync(search, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<OrleansDistribution.Abstractions.Orders.OrderStatus, long>> CountOrdersByStatusAsync(CancellationToken cancellationToken) =>
        inner.CountOrdersByStatusAsync(cancellationToken);

    /// <inheritdoc />
    public Task<StoredFeedRead> ReadFeedAsync(string partnerId, FeedCursor after, int limit, CancellationToken cancellationToken) =>
        inner.ReadFeedAsync(partnerId, after, limit, cancellationToken);

    /// <inheritdoc />
    public Task<FeedCursor?> ReadFeedEndAsync(string partnerId, CancellationToken cancellationToken) => inner.ReadFeedEndAsync(partnerId, cancellationToken);

    /// <inheritdoc />
    public Task<int> TrimFeedAsync(DateTimeOffset occurredBefore, int limit, CancellationToken cancellationToken) =>
        inner.TrimFeedAsync(occurredBefore, limit, cancellationToken);

    /// <inheritdoc />
    public Task<int> DeleteExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        inner.DeleteExpiredAsync(now, limit, cancellationToken);
}
