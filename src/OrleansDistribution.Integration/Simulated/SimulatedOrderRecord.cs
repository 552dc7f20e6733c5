namespace OrleansDistribution.Integration.Simulated;

/// <summary>What a simulated ERP/WMS did for one order (<c>GET /_sim/orders/{orderId}</c>).</summary>
public sealed record SimulatedOrderRecord(
    int Commits,
    int Releases,
    int ErpCancels,
    int WmsCancels,
    int Requests,
    IReadOnlyList<string> CorrelationIds)
{
    /// <summary>ERP and WMS cancels together.</summary>
    public int Cancels => ErpCancels + WmsCancels;
}
