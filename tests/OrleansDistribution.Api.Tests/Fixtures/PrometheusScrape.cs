using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansDistribution.Api.Tests.Fixtures;

/// <summary>
/// A parsed Prometheus text exposition (what /metrics answers): one sample per line, <c>name{label="value",…} number</c>.
/// Values of the same name and labels from several hosts in the test process (the host tag) are summed.
/// </summary>
public sealed partial class PrometheusScrape
{
    private readonly List<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> _samples = [];

    private PrometheusScrape(string text)
    {
        foreach (var line in text.Split('\n', StringSplitOptions.TrimEntries))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var match = SampleLine().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(pair => pair.Groups["key"].Value, pair => pair.Groups["value"].Value, StringComparer.Ordinal);
            var number = match.Groups["value"].Value;
            var value = number switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                _ => double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            _samples.Add((match.Groups["name"].Value, labels, value));
        }
    }

    /// <summary>Metric names that have at least one sample.</summary>
    public IReadOnlySet<string> Names => _samples.Select(sample => sample.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Scrapes /metrics with <paramref name="client"/> (the operator's, or one on the management port).</summary>
    public static async Task<PrometheusScrape> ReadAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return new PrometheusScrape(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels include every one of <paramref name="labels"/>; null when there is none.</summary>
    public double? Value(string name, params (string Key, string Value)[] labels) =>
        Matching(name, labels) is { Count: > 0 } matching ? matching.Sum() : null;

    /// <summary>The largest sample of <paramref name="name"/> with those labels (a cluster-wide gauge every host reports); null when there is none.</summary>
    public double? Max(string name, params (string Key, string Value)[] labels) =>
        Matching(name, labels) is { Count: > 0 } matching ? matching.Max() : null;

    private List<double> Matching(string name, (string Key, string Value)[] labels) =>
    [
        .. _samples.Where(sample => sample.Name == name
                && labels.All(label => sample.Labels.TryGetValue(label.Key, out var value) && value == label.Value))
            .Select(sample => sample.Value),
    ];

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
