namespace Throughput.Metrics;

/// <summary>One line of a Prometheus text scrape: metric name, labels, value.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
