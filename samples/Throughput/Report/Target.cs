namespace Throughput.Report;

/// <summary>One of issue 7's targets, as measured in this run; <c>Met</c> is null when not measured.</summary>
internal sealed record Target(string Name, string Measured, string Goal, bool? Met);
