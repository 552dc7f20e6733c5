namespace Throughput.Report;

/// <summary>The API's resident memory over the run (sampled every second).</summary>
internal sealed record RssSummary(long StartBytes, long PeakBytes, long EndBytes);
