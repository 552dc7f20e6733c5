namespace Throughput.Load;

/// <summary>wrk's socket error counters (<c>summary.errors</c>); <c>Status</c> counts responses with status ≥ 400.</summary>
internal sealed record WrkErrors(long Connect, long Read, long Write, long Status, long Timeout)
{
    /// <summary>Socket-level errors (connect, read, write, timeout).</summary>
    public long Socket => Connect + Read + Write + Timeout;
}
