using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Webhooks;

namespace OrleansDistribution.Grains.Telemetry;

/// <summary>
/// Webhook delivery: <c>distribution.webhooks.attempts</c> counts attempts by <c>outcome</c> (<c>delivered</c>,
/// <c>failed</c>: retried later, <c>parked</c>: filed as WebhookDeliveryFailed) and <c>replay</c> (an operator's retry),
/// <c>distribution.webhooks.attempt.duration</c> how long the attempts that went out took, by the same outcome.
/// </summary>
public sealed class WebhookMetrics
{
    /// <summary>Delivery attempts.</summary>
    public const string AttemptsName = "distribution.webhooks.attempts";

    /// <summary>Duration of the attempts that went out.</summary>
    public const string DurationName = "distribution.webhooks.attempt.duration";

    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments on the distribution meter.</summary>
    public WebhookMetrics(DistributionMeter meters)
    {
        var meter = meters.Meter;
        _attempts = meter.CreateCounter<long>(AttemptsName, "{attempt}", "Webhook delivery attempts, by outcome.");
        _duration = meter.CreateHistogram<double>(DurationName, "s", "How long webhook delivery attempts that went out took.");
    }

    /// <summary>Records one attempt (or, parked behind an open circuit, one that never went out: no duration then).</summary>
    public void Attempt(WebhookAttemptOutcome outcome, bool replay, TimeSpan? duration)
    {
        var tags = new TagList
        {
            { "outcome", outcome switch { WebhookAttemptOutcome.Delivered => "delivered", WebhookAttemptOutcome.Parked => "parked", _ => "failed" } },
            { "replay", replay ? "true" : "false" },
        };
        _attempts.Add(1, tags);
        if (duration is { } took)
        {
            _duration.Record(took.TotalSeconds, tags);
        }
    }
}
