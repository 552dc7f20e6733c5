using System.Threading.Channels;

namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>
/// Group commit: callers enqueue, one loop takes everything pending the moment the previous batch is done (no
/// artificial delay, up to a cap) and hands it to the database as one unit. Under load batches grow by themselves;
/// when idle, a lone operation goes out at once. At most one operation per row travels in a batch: a second one for
/// the same row waits for the next batch, in arrival order, so two versions of a row are never merged.
/// </summary>
/// <typeparam name="TOperation">Reads or writes.</typeparam>
internal sealed class BatchLoop<TOperation>
    where TOperation : StateOperation
{
    private readonly Channel<TOperation> _incoming = Channel.CreateUnbounded<TOperation>(new UnboundedChannelOptions
    {
        SingleReader = true,
        SingleWriter = false,
        // The enqueuing caller must not end up running the loop (and a database call) on its own thread.
        AllowSynchronousContinuations = false,
    });

    private readonly Func<List<TOperation>, CancellationToken, Task> _execute;
    private readonly Action<TOperation, Exception> _fail;
    private readonly int _maxBatchSize;
    private readonly CancellationTokenSource _abort = new();

    // Touched only by the loop, one batch at a time, and reused: a batch costs no allocation once warm.
    private readonly List<TOperation> _batch;
    private readonly HashSet<StateRowKey> _keysInBatch;
    private List<TOperation> _deferred = [];
    private List<TOperation> _stillDeferred = [];
    private Task? _run;

    /// <summary>Creates a stopped loop.</summary>
    /// <param name="maxBatchSize">Most operations in one batch.</param>
    /// <param name="execute">Runs one batch and completes its operations; a throw fails every operation of the batch.</param>
    /// <param name="fail">Fails one operation of a failed batch with (a wrapper of) the batch's exception.</param>
    public BatchLoop(int maxBatchSize, Func<List<TOperation>, CancellationToken, Task> execute, Action<TOperation, Exception> fail)
    {
        _maxBatchSize = maxBatchSize;
        _execute = execute;
        _fail = fail;
        _batch = new List<TOperation>(Math.Min(maxBatchSize, 1024));
        _keysInBatch = new HashSet<StateRowKey>(Math.Min(maxBatchSize, 1024));
    }

    /// <summary>Queues an operation for the next batch; false once the loop is stopping.</summary>
    public bool TryEnqueue(TOperation operation) => _incoming.Writer.TryWrite(operation);

    /// <summary>Starts the loop on the thread pool, or on a thread of its own for a store whose calls block.</summary>
    public void Start(bool dedicatedThread = false, string name = "group commit")
    {
        if (_run is not null)
        {
            return;
        }

        if (!dedicatedThread)
        {
            _run = Task.Run(RunAsync);
            return;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _run = done.Task;
        new Thread(() =>
        {
            try
            {
                RunBlocking();
                done.TrySetResult();
            }
            catch (Exception exception)
            {
                done.TrySetException(exception);
            }
        })
        { IsBackground = true, Name = name }.Start();
    }

    /// <summary>
    /// Stops accepting operations and waits until the queued ones are done. When <paramref name="cancellationToken"/>
    /// fires first, the batch in flight is cancelled and the rest fail instead of waiting for a database that hangs.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _incoming.Writer.TryComplete();
        if (_run is null)
        {
            FailQueued(new GrainStorageUnavailableException("Grain storage stopped before it started."));
            return;
        }

        await using (cancellationToken.Register(static abort => ((CancellationTokenSource)abort!).Cancel(), _abort))
        {
            await _run.ConfigureAwait(false);
        }
    }

    private async Task RunAsync()
    {
        var reader = _incoming.Reader;
        while (_deferred.Count > 0 || await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            Fill(reader);
            if (_batch.Count > 0)
            {
                await ExecuteBatchAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The same loop, blocking a thread of its own: the store's synchronous calls then never hold a pool thread.</summary>
    private void RunBlocking()
    {
        var reader = _incoming.Reader;
        while (_deferred.Count > 0 || reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            Fill(reader);
            if (_batch.Count > 0)
            {
                ExecuteBatchAsync().GetAwaiter().GetResult();
            }
        }
    }

    private async Task ExecuteBatchAsync()
    {
        try
        {
            await _execute(_batch, _abort.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Nothing of a failed batch is acknowledged: every caller in it hears about the failure.
            foreach (var operation in _batch)
            {
                _fail(operation, exception);
            }
        }
        finally
        {
            _batch.Clear();
            _keysInBatch.Clear();
        }
    }

    private void Fill(ChannelReader<TOperation> reader)
    {
        // Operations held back from the previous batch go first, in arrival order, so per-row order holds.
        foreach (var operation in _deferred)
        {
            if (_batch.Count < _maxBatchSize && _keysInBatch.Add(operation.Key))
            {
                _batch.Add(operation);
            }
            else
            {
                _stillDeferred.Add(operation);
            }
        }

        (_deferred, _stillDeferred) = (_stillDeferred, _deferred);
        _stillDeferred.Clear();

        // Whatever else is pending right now; a full batch leaves the rest queued for the next round.
        while (_batch.Count < _maxBatchSize && reader.TryRead(out var operation))
        {
            if (_keysInBatch.Add(operation.Key))
            {
                _batch.Add(operation);
            }
            else
            {
                _deferred.Add(operation);
            }
        }
    }

    private void FailQueued(Exception exception)
    {
        while (_incoming.Reader.TryRead(out var operation))
        {
            _fail(operation, exception);
        }
    }
}
