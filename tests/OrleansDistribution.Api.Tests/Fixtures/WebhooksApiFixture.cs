namespace OrleansDistribution.Api.Tests.Fixtures;

/// <summary>
/// An API silo whose webhooks may call the tests' receivers on 127.0.0.1 (private networks allowed, as for local
/// demos), with a retry schedule of milliseconds to seconds instead of seconds to a day and a circuit that breaks
/// for a second, so retries, recovery and parking happen within a test's patience.
/// </summary>
public sealed class WebhooksApiFixture : ApiFixture
{
    /// <summary>How long an endpoint may fail before its events are parked, here.</summary>
    public static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(4);

    protected override Dictionary<string, string> Settings()
    {
        var settings = base.Settings();
        foreach (var (key, value) in Webhooks())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The webhook settings of this fixture, for out-of-process hosts too.</summary>
    public static Dictionary<string, string> Webhooks() => new()
    {
        ["Distribution:Webhooks:AllowPrivateNetworks"] = "true",
        ["Distribution:Webhooks:RetryBaseDelay"] = "00:00:00.100",
        ["Distribution:Webhooks:RetryMaxDelay"] = "00:00:00.500",
        ["Distribution:Webhooks:RetryFor"] = RetryFor.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["Distribution:Webhooks:PollInterval"] = "00:00:00.100",
        ["Distribution:Webhooks:AttemptTimeout"] = "00:00:02",
        ["Distribution:Webhooks:CircuitBreakDuration"] = "00:00:01",
        ["Distribution:Webhooks:ResumePeriod"] = "00:00:02",
    };
}
