namespace OrleansDistribution.Testing;

/// <summary>The settings a test cluster starts with, so tests do not wait for production timings they do not test.</summary>
public static class TestClusterSettings
{
    /// <summary>
    /// Memory storage, a simulated ERP and WMS answering in 1–5 ms, the workflow's first step after 10 ms and retries
    /// after 200 ms. Every SLA, expiry and sweep keeps its production default: move <see cref="TestClock"/> to reach
    /// them. This repository's API test host starts from these too.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Fast { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        ["Distribution:Storage"] = "Memory",
        ["Distribution:Simulation:MinLatencyMs"] = "1",
        ["Distribution:Simulation:MaxLatencyMs"] = "5",
        ["Distribution:Workflow:FirstStepDelay"] = "00:00:00.010",
        ["Distribution:Workflow:StepRetryDelay"] = "00:00:00.200",
    };

    /// <summary>
    /// What <see cref="DistributionTestCluster"/> starts with: <see cref="Fast"/>, an inventory operation whose answer
    /// was lost resolved after 300 ms (10 s in production), and downstream circuits that half-open after a second.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Cluster { get; } = new Dictionary<string, string?>(Fast, StringComparer.OrdinalIgnoreCase)
    {
        ["Distribution:Workflow:InDoubtTimeout"] = "00:00:00.300",
        // The circuits run on real time (Polly, outside the grains): after an injected outage a test waits a second, not 15.
        ["Distribution:Erp:CircuitBreakDuration"] = "00:00:01",
        ["Distribution:Wms:CircuitBreakDuration"] = "00:00:01",
    };
}
