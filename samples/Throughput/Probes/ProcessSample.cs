namespace Throughput.Probes;

/// <summary>CPU time used so far (user + system) and resident memory of a process at one moment.</summary>
internal sealed record ProcessSample(DateTimeOffset At, TimeSpan CpuTime, long RssBytes);
