using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Integration.Health;

/// <summary>
/// The health of each downstream dependency in this process, kept from circuit reports; the default
/// <see cref="IDependencyHealthReporter"/>. Thread-safe: circuits of different systems report concurrently.
/// </summary>
public sealed class DependencyHealthState : IDependencyHealthReporter
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<string, DependencyHealth> _systems = new(StringComparer.Ordinal);

    /// <summary>Starts with every known system healthy as of now.</summary>
    public DependencyHealthState(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        var now = timeProvider.GetUtcNow();
        foreach (var system in new[] { DownstreamSystem.Erp, DownstreamSystem.Warehouse })
        {
            _systems[system] = new DependencyHealth(system, DependencyStatus.Healthy, now, null);
        }
    }

    /// <inheritdoc />
    public void CircuitOpened(string system, string reason)
    {
        lock (_lock)
        {
            // A repeated report keeps the original "since": the outage started at the first one.
            var since = _systems.TryGetValue(system, out var current) && current.Status == DependencyStatus.Degraded
                ? current.Since
                : _timeProvider.GetUtcNow();
            _systems[system] = new DependencyHealth(system, DependencyStatus.Degraded, since, reason);
        }
    }

    /// <inheritdoc />
    public void CircuitClosed(string system)
    {
        lock (_lock)
        {
            if (_systems.TryGetValue(system, out var current) && current.Status == DependencyStatus.Healthy)
            {
                return;
            }

            _systems[system] = new DependencyHealth(system, DependencyStatus.Healthy, _timeProvider.GetUtcNow(), current?.LastReason);
        }
    }

    /// <summary>Each system's health now, by system name.</summary>
    public IReadOnlyDictionary<string, DependencyHealth> Snapshot()
    {
        lock (_lock)
        {
            return new Dictionary<string, DependencyHealth>(_systems, StringComparer.Ordinal);
        }
    }
}
