using Orleans.Runtime;
using Polly;
using Polly.Retry;

namespace OrleansDistribution.Api.Cluster;

/// <summary>
/// Retries an idempotent grain call that failed only because the silo it went to is gone: Orleans could not send it
/// (<see cref="OrleansMessageRejectionException"/>: the silo refuses connections) or the silo was declared dead while the
/// call waited (<see cref="SiloUnavailableException"/>). Until the cluster knows (a few hundred milliseconds with
/// <c>Hosting/Cluster/RefusedSiloDetector.cs</c>) calls to the grains it held fail fast; once it knows, the grains
/// activate on the survivors, so a retry a moment later succeeds and the channel never sees the failover.
/// </summary>
/// <remarks>
/// Only for calls a replay cannot harm: an order submission is keyed by its Idempotency-Key and fingerprint, so a retry
/// after a first attempt that did reach the grain answers the same order. Every 100 ms (with jitter), not backing off:
/// the cluster knows of the loss within a few hundred milliseconds and the grains are back right after, so a longer
/// wait would only add to the channel's latency; after 8 retries (about a second) a real outage still answers 503,
/// well within the channel's timeout.
/// </remarks>
public sealed class SiloLossRetry
{
    /// <summary>Retries after the first attempt.</summary>
    public const int MaxRetryAttempts = 8;

    /// <summary>Wait before each retry.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(100);

    private readonly ResiliencePipeline _pipeline;

    /// <summary>Builds the pipeline on the API's clock.</summary>
    public SiloLossRetry(TimeProvider timeProvider) =>
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                Name = "silo-loss",
                ShouldHandle = new PredicateBuilder().Handle<OrleansMessageRejectionException>().Handle<SiloUnavailableException>(),
                MaxRetryAttempts = MaxRetryAttempts,
                Delay = Delay,
                BackoffType = DelayBackoffType.Constant,
                UseJitter = true,
            })
            .Build();

    /// <summary>Runs <paramref name="call"/>, again while it fails because its silo is gone.</summary>
    public ValueTask<T> RunAsync<T>(Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(call, cancellationToken);
}
