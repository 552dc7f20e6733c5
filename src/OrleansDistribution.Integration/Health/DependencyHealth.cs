namespace OrleansDistribution.Integration.Health;

/// <summary>One dependency's health at a moment.</summary>
/// <param name="System">"erp" or "wms".</param>
/// <param name="Status">Healthy or degraded.</param>
/// <param name="Since">When the dependency entered <paramref name="Status"/> (process start for a dependency that never failed).</param>
/// <param name="LastReason">Why the circuit last opened; kept after recovery so operators can see what the last outage was.</param>
public sealed record DependencyHealth(string System, DependencyStatus Status, DateTimeOffset Since, string? LastReason);
