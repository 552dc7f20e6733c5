namespace OrleansDistribution.Domain.Orders.Workflow;

/// <summary>An SLA clock: how long a step may take before a warning exception is raised (once).</summary>
/// <param name="Key">Stored in the record while the clock runs; also names the warning's step ("sla:{key}").</param>
/// <param name="Within">The allowed time, from the timings.</param>
/// <param name="ExceptionType">The warning raised when it runs out.</param>
/// <param name="Awaited">What had to happen, for the warning's text ("committed in the ERP").</param>
public sealed record WorkflowSla(string Key, Func<WorkflowTimings, TimeSpan> Within, string ExceptionType, string Awaited);
