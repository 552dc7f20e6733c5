namespace OrleansDistribution.Integration.Ports;

/// <summary>A downstream system refused the request for a business reason; retrying will not help.</summary>
public sealed class DownstreamRejectedException(string system, string reason)
    : Exception(reason)
{
    /// <summary>Which system refused.</summary>
    public string System { get; } = system;

    /// <summary>The refusal reason as the system gave it.</summary>
    public string Reason { get; } = reason;
}
