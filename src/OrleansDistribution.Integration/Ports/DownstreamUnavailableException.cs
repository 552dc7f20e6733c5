namespace OrleansDistribution.Integration.Ports;

/// <summary>A downstream system could not be reached or answered with a transient failure; the step may be retried.</summary>
/// <param name="system">Which system failed.</param>
/// <param name="message">What happened.</param>
/// <param name="inner">The underlying failure, if any.</param>
/// <param name="circuitOpen">True when no call was made because the system's circuit is open (it is known to be down).</param>
public sealed class DownstreamUnavailableException(string system, string message, Exception? inner = null, bool circuitOpen = false)
    : Exception(message, inner)
{
    /// <summary>Which system failed.</summary>
    public string System { get; } = system;

    /// <summary>No call went out: the circuit is open. Callers wait for the dependency instead of counting an attempt.</summary>
    public bool CircuitOpen { get; } = circuitOpen;
}
