namespace OrleansDistribution.Integration.Ports;

/// <summary>A downstream system could not be reached or answered with a transient failure; the step may be retried.</summary>
public sealed class DownstreamUnavailableException(string system, string message, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>Which system failed.</summary>
    public string System { get; } = system;
}
