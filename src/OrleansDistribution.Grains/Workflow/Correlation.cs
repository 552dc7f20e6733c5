using OrleansDistribution.Abstractions;

namespace OrleansDistribution.Grains.Workflow;

/// <summary>Reads and sets the correlation ID that travels in the Orleans RequestContext.</summary>
internal static class Correlation
{
    /// <summary>The caller's correlation ID, or a new one when the call did not come through the edge.</summary>
    public static string Current =>
        RequestContext.Get(DistributionNames.CorrelationIdKey) as string ?? Guid.NewGuid().ToString("N");

    /// <summary>Makes <paramref name="correlationId"/> flow into grain calls made from a timer or reminder.</summary>
    public static void Set(string correlationId) => RequestContext.Set(DistributionNames.CorrelationIdKey, correlationId);
}
