namespace OrleansDistribution.Integration.Health;

/// <summary>How a downstream dependency is doing, as its circuit breaker sees it.</summary>
public enum DependencyStatus
{
    /// <summary>Calls flow (the circuit is closed).</summary>
    Healthy,

    /// <summary>Calls fail fast or probe (the circuit is open or half-open).</summary>
    Degraded,
}
