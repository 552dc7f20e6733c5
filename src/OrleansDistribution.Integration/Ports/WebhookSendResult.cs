namespace OrleansDistribution.Integration.Ports;

/// <summary>How one webhook attempt went.</summary>
/// <param name="Delivered">The endpoint answered 2xx.</param>
/// <param name="StatusCode">The status it answered; null when none came.</param>
/// <param name="Latency">How long the attempt took.</param>
/// <param name="Error">Why it was not delivered; null when it was.</param>
/// <param name="CircuitOpenFor">
/// Set when no request was sent because the endpoint's circuit is open: roughly how long it stays open. Such a result
/// is not an attempt.
/// </param>
public sealed record WebhookSendResult(bool Delivered, int? StatusCode, TimeSpan Latency, string? Error, TimeSpan? CircuitOpenFor = null)
{
    /// <summary>True when a request went out (the circuit let it through).</summary>
    public bool Sent => CircuitOpenFor is null;
}
