using System.Collections.Concurrent;
using OrleansDistribution.Integration.Health;

namespace OrleansDistribution.Integration.Tests.Fixtures;

/// <summary>
/// Records circuit reports and forwards them to a <see cref="DependencyHealthState"/>, the way a real
/// replacement reporter should, so tests see both the calls and the resulting snapshot.
/// </summary>
public sealed class RecordingHealthReporter(DependencyHealthState state) : IDependencyHealthReporter
{
    private readonly ConcurrentQueue<string> _reports = new();

    /// <summary>Reports so far: "opened:{system}:{reason}" or "closed:{system}".</summary>
    public IReadOnlyList<string> Reports => [.. _reports];

    /// <summary>The state the reports are forwarded to.</summary>
    public DependencyHealthState State { get; } = state;

    /// <inheritdoc />
    public void CircuitOpened(string system, string reason)
    {
        _reports.Enqueue($"opened:{system}:{reason}");
        State.CircuitOpened(system, reason);
    }

    /// <inheritdoc />
    public void CircuitClosed(string system)
    {
        _reports.Enqueue($"closed:{system}");
        State.CircuitClosed(system);
    }
}
