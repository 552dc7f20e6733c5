namespace OrleansDistribution.Grains.Storage;

/// <summary>
/// Group commit inside one (reentrant) grain: decisions are made one at a time in memory, each caller awaits
/// the write that carries its decision, and while one write is in flight the next decisions pile up for the
/// following write. A failed write fails every decision it carried and every one made on top of them, then
/// lets the grain reload what is durable. Not thread-safe by design: it lives on the grain's scheduler.
/// </summary>
/// <param name="write">Snapshots the grain's state synchronously and writes it (called on the grain's scheduler).</param>
/// <param name="reloadAsync">Brings the grain back to what storage holds after a failed write (or deactivates it when it cannot).</param>
internal sealed class GroupCommitter(Func<Task> write, Func<Task> reloadAsync)
{
    private TaskCompletionSource? _next;
    private Task _inFlight = Task.CompletedTask;
    private bool _writing;
    private Task? _reloading;

    /// <summary>True while decisions wait for a write.</summary>
    public bool HasPending => _next is not null || _writing;

    /// <summary>Completes when a reload after a failed write is done; decide only after awaiting it.</summary>
    public Task Ready => _reloading ?? Task.CompletedTask;

    /// <summary>Call after a decision changed state: completes when the write holding it is durable.</summary>
    public Task CommitAsync()
    {
        _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var durable = _next.Task;
        if (!_writing)
        {
            _ = WriteLoopAsync();
        }

        return durable;
    }

    /// <summary>Completes when everything decided so far is durable (a repeat of an earlier decision waits for it).</summary>
    public Task DurableAsync() => _next?.Task ?? _inFlight;

    private async Task WriteLoopAsync()
    {
        _writing = true;
        try
        {
            while (_next is { } batch)
            {
                _next = null;
                _inFlight = batch.Task;
                try
                {
                    await write();
                    batch.TrySetResult();
                }
                catch (Exception exception)
                {
                    batch.TrySetException(exception);

                    // Decisions made meanwhile were made on top of the failed ones: none of them may stand.
                    if (_next is { } dependent)
                    {
                        _next = null;
                        dependent.TrySetException(exception);
                    }

                    var reload = reloadAsync();
                    _reloading = reload;
                    try
                    {
                        await reload;
                    }
                    catch
                    {
                        // The grain marks itself broken and deactivates; nothing more to do here.
                    }
                    finally
                    {
                        _reloading = null;

                        // The failure was reported to the decisions it carried; later calls start from the reload.
                        _inFlight = Task.CompletedTask;
                    }
                }
            }
        }
        finally
        {
            _writing = false;
        }
    }
}
