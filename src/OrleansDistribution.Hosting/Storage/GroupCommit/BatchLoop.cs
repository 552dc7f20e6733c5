using System.Threading.Channels;

namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>
/// Group commit: callers enqueue, one loop takes everything pending the moment a batch slot is free (no artificial
/// delay, up to a cap) and hands it to the database as one unit. Under load batches grow by themselves; when idle,
/// a lone operation goes out at once. Up to <c>maxInFlight</c> batches run at once (a new write does not wait for
/// the commit in flight when the database takes concurrent transactions); a row is in at most one of them: a second
/// operation for a row waits until the batch holding the first is done, in arrival order, so two versions of a row
/// are never merged or reordered.
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

    // Touched only by the loop, and reused: a batch costs no allocation once warm.
    private readonly Stack<Slot> _free = new();
    private readonly List<(Task Done, Slot Slot)> _running = [];
    private readonly HashSet<StateRowKey> _rowsInFlight = [];
    private List<TOperation> _deferred = [];
    private List<TOperation> _stillDeferred = [];
    private Task? _run;

    /// <summary>Creates a stopped loop.</summary>
    /// <param name="maxBatchSize">Most operations in one batch.</param>
    /// <param name="execute">Runs one batch and completes its operations; a throw fails every operation of the batch.</param>
    /// <param name="fail">Fails one operation of a failed batch with (a wrapper of) the batch's exception.</param>
    /// <param name="maxInFlight">Batches that may run at once (1 for a single-writer database).</param>
    public BatchLoop(int maxBatchSize, Func<List<TOperation>, CancellationToken, Task> execute, Action<TOperation, Exception> fail, int maxInFlight = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        _maxBatchSize = maxBatchSize;
        _execute = execute;
        _fail = fail;
        for (var i = 0; i < maxInFlight; i++)
        {
            _free.Push(new Slot(Math.Min(maxBatchSize, 1024)));
        }
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

    /// <summary>
    /// One batch at a time, blocking a thread of its own: a store whose calls do their I/O synchronously (SQLite)
    /// then never holds a pool thread, since every wait here blocks this thread instead of resuming on the pool.
    /// </summary>
    private void RunBlocking()
    {
        var reader = _incoming.Reader;
        var slot = _free.Pop();
        while (_deferred.Count > 0 || reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            Fill(reader, slot);
            if (slot.Batch.Count > 0)
            {
                ExecuteAsync(slot).GetAwaiter().GetResult();
            }

            slot.Clear();
        }
    }

    private async Task RunAsync()
    {
        var reader = _incoming.Reader;
        var open = true;
        Task<bool>? inputWait = null;
        while (true)
        {
            // Start a batch in every free slot while there is something to send.
            while (_free.Count > 0 && (_deferred.Count > 0 || reader.TryPeek(out _)))
            {
                var slot = _free.Pop();
                Fill(reader, slot);
                if (slot.Batch.Count == 0)
                {
                    // Everything pending is for rows already in flight: wait for those batches.
                    _free.Push(slot);
                    break;
                }

                _rowsInFlight.UnionWith(slot.Rows);
                _running.Add((ExecuteAsync(slot), slot));
            }

            if (_running.Count == 0)
            {
                if (_deferred.Count > 0)
                {
                    continue;
                }

                if (inputWait is null && open)
                {
                    inputWait = reader.WaitToReadAsync().AsTask();
                }

                open = open && await inputWait!.ConfigureAwait(false);
                inputWait = null;
                if (!open && !reader.TryPeek(out _))
                {
                    return;
                }

                continue;
            }

            // Wait for a batch to finish, or, with a slot free, for something new to send. A pending wait for input
            // is kept across rounds: the channel has a single reader, which may have one wait outstanding.
            if (open && _free.Count > 0)
            {
                inputWait ??= reader.WaitToReadAsync().AsTask();
            }

            _ = await Task.WhenAny(Waits(_free.Count > 0 ? inputWait : null)).ConfigureAwait(false);
            if (inputWait is { IsCompleted: true })
            {
                open = await inputWait.ConfigureAwait(false);
                inputWait = null;
            }

            for (var i = _running.Count - 1; i >= 0; i--)
            {
                var (done, slot) = _running[i];
                if (done.IsCompleted)
                {
                    _running.RemoveAt(i);
                    _rowsInFlight.ExceptWith(slot.Rows);
                    slot.Clear();
                    _free.Push(slot);
                }
            }
        }
    }

    private IEnumerable<Task> Waits(Task? waitForInput)
    {
        foreach (var (done, _) in _running)
        {
            yield return done;
        }

        if (waitForInput is not null)
        {
            yield return waitForInput;
        }
    }

    private async Task ExecuteAsync(Slot slot)
    {
        try
        {
            await _execute(slot.Batch, _abort.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Nothing of a failed batch is acknowledged: every caller in it hears about the failure.
            foreach (var operation in slot.Batch)
            {
                _fail(operation, exception);
            }
        }
    }

    private void Fill(ChannelReader<TOperation> reader, Slot slot)
    {
        // Operations held back earlier go first, in arrival order, so per-row order holds.
        foreach (var operation in _deferred)
        {
            if (!TryAdd(slot, operation))
            {
                _stillDeferred.Add(operation);
            }
        }

        (_deferred, _stillDeferred) = (_stillDeferred, _deferred);
        _stillDeferred.Clear();

        // Whatever else is pending right now; a full batch leaves the rest queued for the next round.
        while (slot.Batch.Count < _maxBatchSize && reader.TryRead(out var operation))
        {
            if (!TryAdd(slot, operation))
            {
                _deferred.Add(operation);
            }
        }
    }

    /// <summary>Adds the operation unless the batch is full or its row is in this batch or one in flight.</summary>
    private bool TryAdd(Slot slot, TOperation operation)
    {
        if (slot.Batch.Count >= _maxBatchSize || _rowsInFlight.Contains(operation.Key) || !slot.Rows.Add(operation.Key))
        {
            return false;
        }

        slot.Batch.Add(operation);
        return true;
    }

    private void FailQueued(Exception exception)
    {
        while (_incoming.Reader.TryRead(out var operation))
        {
            _fail(operation, exception);
        }
    }

    /// <summary>One batch's buffers.</summary>
    private sealed class Slot(int capacity)
    {
        public List<TOperation> Batch { get; } = new(capacity);

        public HashSet<StateRowKey> Rows { get; } = new(capacity);

        public void Clear()
        {
            Batch.Clear();
            Rows.Clear();
        }
    }
}
