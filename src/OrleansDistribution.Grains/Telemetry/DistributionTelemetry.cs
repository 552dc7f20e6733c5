using System.Diagnostics;

namespace OrleansDistribution.Grains.Telemetry;

/// <summary>The activity source of the workflow and the tag names every span of ours carries.</summary>
public static class DistributionTelemetry
{
    /// <summary>Name of the activity source for workflow steps that run outside any request (timers, reminders).</summary>
    public const string SourceName = "OrleansDistribution.Workflow";

    /// <summary>Tag: the correlation ID of the channel request behind the work.</summary>
    public const string CorrelationIdTag = "correlation.id";

    /// <summary>Tag: the order.</summary>
    public const string OrderIdTag = "order.id";

    /// <summary>Tag: the workflow step.</summary>
    public const string StepTag = "workflow.step";

    /// <summary>The source.</summary>
    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>
    /// Starts a span for a workflow step as a child of the request that accepted the order, so the trace
    /// runs from the channel's POST to the ERP call even though the step runs later on a timer.
    /// </summary>
    public static Activity? StartStep(string step, string orderId, string correlationId, string? parentTraceContext) =>
        Source.StartActivity($"order {step}", ActivityKind.Internal, parentTraceContext ?? string.Empty)
            ?.SetTag(OrderIdTag, orderId)
            .SetTag(CorrelationIdTag, correlationId)
            .SetTag(StepTag, step);
}
