namespace ChannelTraffic;

/// <param name="Results">Indexed like the plan's submissions; slots never sent have Completed = false.</param>
public sealed record TrafficRunResult(IReadOnlyList<SubmissionResult> Results, TimeSpan Elapsed, bool Interrupted, bool DeadlineReached);
