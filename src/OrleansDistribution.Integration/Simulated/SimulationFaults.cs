namespace OrleansDistribution.Integration.Simulated;

/// <summary>Faults a simulated ERP/WMS injects (body of <c>PUT /_sim/faults</c> and <c>PUT /v1/simulation/faults</c>).</summary>
public sealed record SimulationFaults
{
    /// <summary>Extra delay before every answer.</summary>
    public int LatencyMs { get; init; }

    /// <summary>Share of requests answered with a 500 without acting (0..1).</summary>
    public double ErrorRate { get; init; }

    /// <summary>Share of requests that act and then lose their response (0..1).</summary>
    public double DropResponseRate { get; init; }

    /// <summary>Every request fails as unavailable (503).</summary>
    public bool Down { get; init; }

    /// <summary>ERP commits containing any of these SKUs are refused (422).</summary>
    public IReadOnlyList<string> RejectSkus { get; init; } = [];

    /// <summary>"erp", "wms", or null for both.</summary>
    public string? System { get; init; }

    /// <summary>No faults.</summary>
    public static SimulationFaults None { get; } = new();

    /// <summary>Problems with the values, by field; empty when valid.</summary>
    public IReadOnlyDictionary<string, string> Problems()
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        if (LatencyMs is < 0 or > 120_000)
        {
            problems["latencyMs"] = "Must be between 0 and 120000.";
        }

        if (ErrorRate is < 0 or > 1 || double.IsNaN(ErrorRate))
        {
            problems["errorRate"] = "Must be between 0 and 1.";
        }

        if (DropResponseRate is < 0 or > 1 || double.IsNaN(DropResponseRate))
        {
            problems["dropResponseRate"] = "Must be between 0 and 1.";
        }

        if (System is not (null or Ports.DownstreamSystem.Erp or Ports.DownstreamSystem.Warehouse))
        {
            problems["system"] = "Must be 'erp', 'wms' or absent for both.";
        }

        return problems;
    }
}
