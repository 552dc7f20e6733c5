namespace OrleansDistribution.Grains.Tests.Storage.GroupCommit;

/// <summary>Just enough of a silo lifecycle to start a storage provider outside a silo: it runs every subscriber's start.</summary>
public sealed class CapturingSiloLifecycle : ISiloLifecycle
{
    private readonly List<(int Stage, ILifecycleObserver Observer)> _observers = [];

    /// <inheritdoc />
    public int HighestCompletedStage { get; private set; }

    /// <inheritdoc />
    public int LowestStoppedStage { get; private set; }

    /// <inheritdoc />
    public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
    {
        _observers.Add((stage, observer));
        return new CancellationTokenSource();
    }

    /// <summary>Starts the subscribers in stage order.</summary>
    public async Task StartAsync()
    {
        foreach (var (stage, observer) in _observers.OrderBy(entry => entry.Stage))
        {
            await observer.OnStart(CancellationToken.None);
            HighestCompletedStage = stage;
        }
    }
}
