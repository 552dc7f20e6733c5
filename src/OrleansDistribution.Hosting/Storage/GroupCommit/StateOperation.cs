namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>
/// One caller's read or write, queued for the next batch. The caller awaits <see cref="Completion"/>, which the batch
/// loop completes only after the batch it travelled in has been committed (or read), or fails it with the batch.
/// </summary>
public abstract class StateOperation
{
    // Continuations run off the loop's thread: a caller's code must never delay the next batch.
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates an operation on one row.</summary>
    protected StateOperation(StateRowKey key) => Key = key;

    /// <summary>The row this operation is about.</summary>
    public StateRowKey Key { get; }

    /// <summary>Completes when the operation's batch is done; faults with the batch's failure or this row's conflict.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Acknowledges the operation: its batch is durable (or its read answered).</summary>
    internal void Succeed() => _completion.TrySetResult();

    /// <summary>Fails the operation; nothing it carried was acknowledged.</summary>
    internal void Fail(Exception exception) => _completion.TrySetException(exception);
}
