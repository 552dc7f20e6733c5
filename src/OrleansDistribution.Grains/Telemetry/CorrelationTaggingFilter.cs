using System.Diagnostics;
using OrleansDistribution.Abstractions;

namespace OrleansDistribution.Grains.Telemetry;

/// <summary>Tags the current span of every incoming grain call with the correlation ID flowing in the RequestContext.</summary>
public sealed class CorrelationTaggingFilter : IIncomingGrainCallFilter
{
    /// <inheritdoc />
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (Activity.Current is { } activity && RequestContext.Get(DistributionNames.CorrelationIdKey) is string correlationId)
        {
            activity.SetTag(DistributionTelemetry.CorrelationIdTag, correlationId);
        }

        return context.Invoke();
    }
}
