using System.Diagnostics;
using OrleansDistribution.Abstractions;

namespace OrleansDistribution.Grains.Telemetry;

/// <summary>The activity source of the workflow and the tag names every span of ours carries.</summary>
public static class DistributionTelemetry
{
    /// <summary>Name of the activity source for workflow steps that run outside any request (timers, reminders).</summary>
    public const string SourceName = "OrleansDistribution.Workflow";

    /// <summary>Tag: the correlation ID of the channel request behind the work.</summary>
    public const string CorrelationIdTag = DistributionNames.CorrelationIdTag;

    /// <summary>Tag: the order.</summary>
    public const string OrderIdTag = "order.id";

    /// <summary>Tag: the workflow step.</summary>
    public const string StepTag = "workflow.step";

    /// <summary>The source.</summary>
    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>
    /// Starts the span of a timer-driven workflow run as a child of the request that accepted the order, so
    /// the trace runs from the channel's POST to the ERP call even though the work happens later.
    /// </summary>
    public static Activity? StartWorkflowRun(string orderId, string correlationId, string? acceptingTraceContext) =>
        Tag(Source.StartActivity("order workflow", ActivityKind.Internal, acceptingTraceContext ?? string.Empty), orderId, correlationId, "workflow");

    /// <summary>Starts the span of one step under whatever is current (a workflow run, or an operator's request).</summary>
    public static Activity? StartStep(string step, string orderId, string correlationId) =>
        Tag(Source.StartActivity($"order {step}", ActivityKind.Internal), orderId, correlationId, step);

    private static Activity? Tag(Activity? activity, string orderId, string correlationId, string step) =>
        activity?.SetTag(OrderIdTag, orderId).SetTag(CorrelationIdTag, correlationId).SetTag(StepTag, step);
}
