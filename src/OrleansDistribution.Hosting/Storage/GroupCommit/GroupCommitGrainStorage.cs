using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using OrleansDistribution.Grains.Feed;
using OrleansDistribution.Grains.Storage;

namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>
/// Grain storage that coalesces concurrent operations of many grains into one database transaction per batch (group
/// commit), instead of one round trip and one transaction per write. A caller's write completes once the batch it
/// travelled in is committed; a failed batch fails every caller in it; a stale ETag fails only its own caller.
/// </summary>
/// <remarks>
/// State is serialized with the Orleans <see cref="Serializer"/> exactly as <see cref="OrleansGrainStorageSerializer"/>
/// does (same bytes), synchronously in the caller, before queueing: the batch carries bytes, never live objects.
/// The ETag is the row version as an invariant integer string.
/// </remarks>
public sealed partial class GroupCommitGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly string _name;
    private readonly IGrainStateStore _store;
    private readonly Serializer _serializer;
    private readonly IActivatorProvider _activators;
    private readonly GroupCommitMetrics _metrics;
    private readonly ILogger _logger;
    private readonly BatchLoop<StateWrite> _writes;
    private readonly BatchLoop<StateRead> _reads;

    // Used by the write loop only (one batch at a time): per-state row counts for the metric, reused.

    private Exception? _lastLoggedFailure;

    /// <summary>Creates the storage over a store; it starts with the silo (or <see cref="StartAsync"/>).</summary>
    public GroupCommitGrainStorage(
        string name,
        IGrainStateStore store,
        Serializer serializer,
        IActivatorProvider activators,
        GroupCommitOptions options,
        GroupCommitMetrics metrics,
        ILogger<GroupCommitGrainStorage> logger)
    {
        _name = name;
        _store = store;
        _serializer = serializer;
        _activators = activators;
        _metrics = metrics;
        _logger = logger;
        _writes = new BatchLoop<StateWrite>(options.MaxBatchSize, ExecuteWritesAsync, FailOperation, store.MaxConcurrentBatches);
        _reads = new BatchLoop<StateRead>(options.MaxBatchSize, ExecuteReadsAsync, FailOperation, store.MaxConcurrentBatches);
    }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(GroupCommitGrainStorage)}-{_name}", ServiceLifecycleStage.ApplicationServices, StartAsync, StopAsync);

    /// <summary>Opens the store and starts the batch loops.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _store.StartAsync(cancellationToken).ConfigureAwait(false);
        _writes.Start(_store.BlocksThread, $"{_name} grain state writes");
        _reads.Start(_store.BlocksThread, $"{_name} grain state reads");
    }

    /// <summary>Refuses new operations and finishes the queued ones (grains have deactivated by now).</summary>
    public Task StopAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_writes.StopAsync(cancellationToken), _reads.StopAsync(cancellationToken));

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var read = await ReadRowAsync(new StateRowKey(stateName, grainId.Key.ToString())).ConfigureAwait(false);

        // Deserialize here, on the caller's thread: the loop only moves bytes, so it never becomes the bottleneck.
        var state = read.Payload is { } payload ? _serializer.Deserialize<T>(payload) : default;
        grainState.State = state ?? CreateState<T>();
        grainState.ETag = read.Version is { } version ? FormatETag(version) : null;
        grainState.RecordExists = read.Payload is not null;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = new StateRowKey(stateName, grainId.Key.ToString());
        var expected = ParseETag(key, grainState.ETag);
        var state = grainState.State;
        var payload = _serializer.SerializeToArray(state);
        var write = state is IScheduledState scheduled
            ? new StateWrite(key, expected, payload, scheduled.WakeAt, scheduled.ExpiresAt) { Feed = FeedRows(state) }
            : new StateWrite(key, expected, payload, null, null) { Feed = FeedRows(state) };

        // Order index: the entry travels with the state's write, into the same transaction.
        if (state is IIndexedOrderState indexed)
        {
            write.OrderIndex = indexed.OrderIndexEntry;
        }

        return CompleteWriteAsync(Enqueue(write), grainState);
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = new StateRowKey(stateName, grainId.Key.ToString());
        int? expected;
        if (!grainState.RecordExists && string.IsNullOrWhiteSpace(grainState.ETag))
        {
            // As the ADO.NET provider did: a grain that never saw its record clears whatever storage holds.
            var read = await ReadRowAsync(key).ConfigureAwait(false);
            if (read.Payload is null)
            {
                grainState.ETag = read.Version is { } version ? FormatETag(version) : null;
                grainState.RecordExists = false;
                grainState.State = CreateState<T>();
                return;
            }

            expected = read.Version;
        }
        else
        {
            expected = ParseETag(key, grainState.ETag);
        }

        var clear = Enqueue(new StateWrite(key, expected, payload: null, wakeAt: null, expiresAt: null));
        await clear.Completion.ConfigureAwait(false);
        grainState.ETag = FormatETag(clear.CommittedVersion);
        grainState.RecordExists = false;
        grainState.State = CreateState<T>();
    }

    /// <summary>The events the state's write appends to partners' feeds, serialized here like the state itself.</summary>
    private List<FeedRow>? FeedRows<T>(T state)
    {
        if (state is not IFeedingState { FeedAppends: { Count: > 0 } appends })
        {
            return null;
        }

        var rows = new List<FeedRow>(appends.Count);
        foreach (var append in appends)
        {
            var feedEvent = append.Event;
            rows.Add(new FeedRow(append.PartnerId, feedEvent.EventId, feedEvent.EventType, feedEvent.At, _serializer.SerializeToArray(feedEvent)));
        }

        return rows;
    }

    private static async Task CompleteWriteAsync<T>(StateWrite write, IGrainState<T> grainState)
    {
        await write.Completion.ConfigureAwait(false);
        grainState.ETag = FormatETag(write.CommittedVersion);
        grainState.RecordExists = true;
    }

    private async Task<StateRead> ReadRowAsync(StateRowKey key)
    {
        var read = new StateRead(key);
        if (!_reads.TryEnqueue(read))
        {
            throw Stopped();
        }

        await read.Completion.ConfigureAwait(false);
        return read;
    }

    private StateWrite Enqueue(StateWrite write)
    {
        if (!_writes.TryEnqueue(write))
        {
            write.Fail(Stopped());
        }

        return write;
    }

    private async Task ExecuteWritesAsync(List<StateWrite> batch, CancellationToken cancellationToken)
    {
        await _store.WriteAsync(batch, cancellationToken).ConfigureAwait(false);

        var onlyClears = true;
        var rowsByState = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var write in batch)
        {
            onlyClears &= write.IsClear;
            if (write.CommittedVersion > 0)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(rowsByState, write.Key.StateName, out _)++;
            }
        }

        // Counted before anyone is answered: a caller that reads the metrics after its write sees the write in them.
        _metrics.WriteBatch(batch.Count, onlyClears);
        foreach (var (stateName, rows) in rowsByState)
        {
            _metrics.RowsWritten(stateName, rows);
        }

        foreach (var write in batch)
        {
            if (write.CommittedVersion > 0)
            {
                write.Succeed();
            }
            else
            {
                write.Fail(Conflict(write));
            }
        }
    }

    private async Task ExecuteReadsAsync(List<StateRead> batch, CancellationToken cancellationToken)
    {
        await _store.ReadAsync(batch, cancellationToken).ConfigureAwait(false);
        var found = 0;
        foreach (var read in batch)
        {
            if (read.Version is not null)
            {
                found++;
            }
        }

        // Counted before anyone is answered, as for writes.
        _metrics.ReadBatch(batch.Count, found);
        foreach (var read in batch)
        {
            read.Succeed();
        }
    }

    private void FailOperation(StateOperation operation, Exception exception)
    {
        // One log line per failed batch (the loop fails its operations with the same exception), not one per caller.
        if (!ReferenceEquals(Interlocked.Exchange(ref _lastLoggedFailure, exception), exception))
        {
            LogBatchFailed(_logger, exception, _name);
        }

        // Every caller gets its own exception object (they are rethrown on many threads), sharing the database's error.
        operation.Fail(new GrainStorageUnavailableException(
            $"Grain storage '{_name}' could not complete the batch carrying {operation.Key.StateName}/{operation.Key.GrainKey}: {exception.Message}",
            exception));
    }

    private InconsistentStateException Conflict(StateWrite write) =>
        new(
            $"Version conflict in grain storage '{_name}' for {write.Key.StateName}/{write.Key.GrainKey}: "
            + (write.ExpectedVersion is null ? "a row exists already." : $"the stored version is no longer {write.ExpectedVersion}."),
            storedEtag: null,
            currentEtag: write.ExpectedVersion is { } expected ? FormatETag(expected) : null);

    private GrainStorageUnavailableException Stopped() => new($"Grain storage '{_name}' is stopped.");

    private InconsistentStateException InvalidETag(StateRowKey key, string etag) =>
        new($"ETag '{etag}' of {key.StateName}/{key.GrainKey} is not a version of grain storage '{_name}'.", storedEtag: null, currentEtag: etag);

    private int? ParseETag(StateRowKey key, string? etag)
    {
        if (string.IsNullOrEmpty(etag))
        {
            return null;
        }

        return int.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw InvalidETag(key, etag);
    }

    private static string FormatETag(int version) => version.ToString(CultureInfo.InvariantCulture);

    private T CreateState<T>() => _activators.GetActivator<T>().Create();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain storage {Storage}: a batch failed; every operation in it failed")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string storage);
}
