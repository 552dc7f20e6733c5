using System.Globalization;

namespace Throughput.Report;

/// <summary>How numbers print: invariant culture, "n/a" for what was not measured.</summary>
internal static class Format
{
    /// <summary>Placeholder for a figure this build or mode does not provide.</summary>
    public const string NotAvailable = "n/a";

    /// <summary>A rate or count with sensible precision.</summary>
    public static string Number(double? value) => value switch
    {
        null => NotAvailable,
        { } v when double.IsNaN(v) => NotAvailable,
        { } v when Math.Abs(v) >= 100 => v.ToString("#,0", CultureInfo.InvariantCulture),
        { } v when Math.Abs(v) >= 10 => v.ToString("0.0", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.00", CultureInfo.InvariantCulture),
    };

    /// <summary>Milliseconds.</summary>
    public static string Ms(double? value) => value is null ? NotAvailable : Number(value) + " ms";

    /// <summary>Latency percentiles as "p50 / p90 / p95 / p99 / max ms".</summary>
    public static string Latency(Load.LatencySummary? l) => l is null
        ? NotAvailable
        : $"{Number(l.P50)} / {Number(l.P90)} / {Number(l.P95)} / {Number(l.P99)} / {Number(l.Max)} ms";

    /// <summary>A ratio.</summary>
    public static string Ratio(double? value) => value switch
    {
        null => NotAvailable,
        { } v when v < 0.1 => v.ToString("0.000", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.00", CultureInfo.InvariantCulture),
    };

    /// <summary>Bytes as MiB.</summary>
    public static string Bytes(long? value) => value is null ? NotAvailable : $"{value.Value / 1024.0 / 1024.0:0} MiB";

    /// <summary>A count.</summary>
    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>A count that may be missing (a counter this build does not export).</summary>
    public static string Count(double? value) => value is { } v ? Count((long)Math.Round(v)) : NotAvailable;
}
