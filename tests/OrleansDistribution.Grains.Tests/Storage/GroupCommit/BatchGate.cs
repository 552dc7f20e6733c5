namespace OrleansDistribution.Grains.Tests.Storage.GroupCommit;

/// <summary>One held batch: <see cref="Arrived"/> completes when the batch reaches the store, <see cref="Release"/> lets it go.</summary>
public sealed class BatchGate
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the held batch is waiting in the store.</summary>
    public Task Arrived => _arrived.Task;

    /// <summary>Lets the held batch continue.</summary>
    public void Release() => _released.TrySetResult();

    /// <summary>Called by the store: reports arrival and waits for the release.</summary>
    internal Task PassAsync()
    {
        _arrived.TrySetResult();
        return _released.Task;
    }
}
