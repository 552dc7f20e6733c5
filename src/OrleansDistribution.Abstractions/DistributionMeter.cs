using System.Diagnostics.Metrics;
using System.Globalization;

namespace OrleansDistribution.Abstractions;

/// <summary>
/// The <see cref="DistributionNames.Meter"/> meter of one host (one DI container), tagged
/// <c>distribution.host</c> with the host's ordinal in its process: "1" in a production process, which runs one host;
/// test processes run several hosts (TestingHost silos, API fixtures), and they must not share instruments.
/// Why the tag: OpenTelemetry merges same-named instruments of same-identity meters into one metric stream and drops that
/// stream when the first of those meters is disposed (open-telemetry/opentelemetry-dotnet#6412), so a host stopping would
/// silence every other host's metrics in the process. A distinct meter tag makes each host's instruments their own stream.
/// Prometheus shows the tag as the label <c>otel_scope_distribution_host</c>.
/// </summary>
public sealed class DistributionMeter
{
    /// <summary>The meter tag naming the host.</summary>
    public const string HostTag = "distribution.host";

    private static int s_hosts;

    /// <summary>Creates the host's meter from its meter factory (disposed with the host).</summary>
    public DistributionMeter(IMeterFactory meters)
    {
        Host = Interlocked.Increment(ref s_hosts).ToString(CultureInfo.InvariantCulture);
        Meter = meters.Create(new MeterOptions(DistributionNames.Meter) { Tags = [new(HostTag, Host)] });
    }

    /// <summary>The host's ordinal in its process, the value of <see cref="HostTag"/>.</summary>
    public string Host { get; }

    /// <summary>The meter every instrument of ours in this host lives on.</summary>
    public Meter Meter { get; }
}
