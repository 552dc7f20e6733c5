namespace Throughput.Failover;

/// <summary>One submission of the failover load: when it was sent and answered (seconds since the load began) and how.</summary>
/// <param name="Status">HTTP status, 0 for no answer (timeout, connection failure).</param>
internal sealed record FailoverSample(double SentAt, double AnsweredAt, int Status, string? OrderId)
{
    /// <summary>How long the client waited.</summary>
    public double Latency => AnsweredAt - SentAt;
}
