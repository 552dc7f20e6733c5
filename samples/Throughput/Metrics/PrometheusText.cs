using System.Globalization;

namespace Throughput.Metrics;

/// <summary>
/// A parsed Prometheus text-format scrape (what the OpenTelemetry exporter serves at /metrics). Counters are
/// looked up by their instrument's name in Prometheus form; the exporter may put a unit between the name and
/// <c>_total</c> (a counter with unit "rows" becomes <c>..._rows_total</c>), so both spellings are accepted.
/// </summary>
internal sealed class PrometheusText
{
    private readonly List<PrometheusSample> _samples;

    private PrometheusText(List<PrometheusSample> samples) => _samples = samples;

    /// <summary>Parses a scrape; comment lines and unparsable lines are skipped.</summary>
    public static PrometheusText Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var braces = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                continue;
            }

            string name;
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            string rest;
            if (braces >= 0 && braces < space)
            {
                var close = line.LastIndexOf('}');
                if (close < braces)
                {
                    continue;
                }

                name = line[..braces];
                ParseLabels(line[(braces + 1)..close], labels);
                rest = line[(close + 1)..].Trim();
            }
            else
            {
                name = line[..space];
                rest = line[space..].Trim();
            }

            var valueText = rest.Split(' ', 2)[0];
            if (double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                samples.Add(new PrometheusSample(name, labels, value));
            }
        }

        return new PrometheusText(samples);
    }

    /// <summary>
    /// Sum of a counter's series, optionally only those with one label value; null when the counter is absent.
    /// <paramref name="baseName"/> is the instrument name with dots as underscores, without <c>_total</c>.
    /// </summary>
    public double? Counter(string baseName, string? label = null, string? labelValue = null)
    {
        var exact = baseName + "_total";
        var series = _samples.Where(s => s.Name == exact).ToList();
        if (series.Count == 0)
        {
            series = [.. _samples.Where(s => IsCounterWithUnit(s.Name, baseName))];
        }

        if (series.Count == 0)
        {
            return null;
        }

        return series.Where(s => label is null || (s.Labels.TryGetValue(label, out var v) && v == labelValue)).Sum(s => s.Value);
    }

    /// <summary>The series of one metric, by its exact Prometheus name (e.g. a gauge, or a histogram's <c>_count</c>).</summary>
    public IEnumerable<PrometheusSample> Series(string name) => _samples.Where(s => s.Name == name);

    private static bool IsCounterWithUnit(string name, string baseName)
    {
        if (!name.StartsWith(baseName + "_", StringComparison.Ordinal) || !name.EndsWith("_total", StringComparison.Ordinal))
        {
            return false;
        }

        // "<base>_<unit>_total" with a one-word unit; never "<base>_failed_attempts_total".
        var unit = name[(baseName.Length + 1)..^"_total".Length];
        return unit.Length > 0 && !unit.Contains('_', StringComparison.Ordinal);
    }

    private static void ParseLabels(string text, Dictionary<string, string> labels)
    {
        var i = 0;
        while (i < text.Length)
        {
            var equals = text.IndexOf('=', i);
            if (equals < 0 || equals + 1 >= text.Length || text[equals + 1] != '"')
            {
                return;
            }

            var key = text[i..equals].Trim().TrimStart(',').Trim();
            var value = new System.Text.StringBuilder();
            var j = equals + 2;
            for (; j < text.Length && text[j] != '"'; j++)
            {
                if (text[j] == '\\' && j + 1 < text.Length)
                {
                    j++;
                    value.Append(text[j] == 'n' ? '\n' : text[j]);
                }
                else
                {
                    value.Append(text[j]);
                }
            }

            labels[key] = value.ToString();
            i = j + 1;
        }
    }
}
