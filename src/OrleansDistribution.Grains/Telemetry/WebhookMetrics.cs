using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Webhooks;

namespace OrleansDistribution.Grains.Telemetry;

/// <summary>
/// Webhook delivery: <c>distribution.webhooks.attempts</c> counts attempts by <c>outcome</c> (<c>delivered</c>,
/// <c>failed</c>: retried later, <c>parked</c>: filed as WebhookDeliveryFailed) and <c>replay</c> (an operator's retry),
/// <c>distribution.webhooks.attempt.duration</c> how long the attempts that went out took, by the same outcome,
/// <c>distribution.webhooks.delivery.lag</c> [distribution_webhooks_delivery_lag_seconds] how long after the event a partner's
/// endpoint took it (retries and backlogs included).
/// </summary>
public sealed class WebhookMetrics
{
    /// <summary>Delivery attempts.</summary>
    public const string AttemptsName = "distribution.webhooks.attempts";

    /// <summary>Duration of the attempts that went out.</summary>
    public const string DurationName = "distribution.webhooks.attempt.duration";

    /// <summary>From an event to its delivery.</summary>
    public const string LagName = "distribution.webhooks.delivery.lag";

    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _lag;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments on the distribution meter.</summary>
    public WebhookMetrics(DistributionMeter meters)
    {
        var meter = meters.Meter;
        _attempts = meter.CreateCounter<long>(AttemptsName, "{attempt}", "Webhook delivery attempts, by outcome.");
        _duration = meter.CreateHistogram<double>(DurationName, "s", "How long webhook delivery attempts that went out took.");
        _lag = meter.CreateHistogram<double>(LagName, "s", "From an event to a webhook endpoint taking it.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 21600, 86400] });
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

    /// <summary>An endpoint took an event <paramref name="lag"/> after it happened.</summary>
    public void Delivered(TimeSpan lag) => _lag.Record(Math.Max(0, lag.TotalSeconds));
}
