namespace OrleansDistribution.Integration.Health;

/// <summary>
/// Told when a downstream dependency starts or stops failing systemically (its circuit opens or closes).
/// Called once per change of state: a circuit that re-opens after a failed half-open probe is still the
/// same outage and is not reported again.
/// </summary>
/// <remarks>
/// The default registration is <see cref="DependencyHealthState"/>. A replacement (Orleans events,
/// health checks) registered before <c>AddDistributionDownstreams</c> wins; forward to
/// <see cref="DependencyHealthState"/> from it to keep <see cref="DependencyHealthState.Snapshot"/> current.
/// Implementations must be cheap and must not throw: they run on the call that tripped the circuit.
/// </remarks>
public interface IDependencyHealthReporter
{
    /// <summary>The dependency is failing systemically; calls to it now fail fast.</summary>
    void CircuitOpened(string system, string reason);

    /// <summary>The dependency answers again; calls flow normally.</summary>
    void CircuitClosed(string system);
}
