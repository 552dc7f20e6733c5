using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using OrleansDistribution.Integration.Health;
using Polly;

namespace OrleansDistribution.Integration.Http;

/// <summary>
/// The resilience pipeline of one downstream system, outermost first: total timeout, retry, circuit
/// breaker, attempt timeout. The bound this gives is documented on <see cref="DownstreamHttpOptions"/>.
/// </summary>
internal static class DownstreamResiliencePipeline
{
    public static void Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> pipeline,
        string system,
        DownstreamHttpOptions options,
        IDependencyHealthReporter reporter,
        ILogger logger)
    {
        // Outermost, so backoff and Retry-After waits are inside the budget too.
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total", Timeout = options.TotalTimeout });

        if (options.MaxRetryAttempts > 0)
        {
            var retry = new HttpRetryStrategyOptions
            {
                Name = "retry",
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.BaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                // Transient only: 5xx, 408, 429, HttpRequestException, attempt timeouts, connect timeouts.
                // Business refusals (other 4xx) and an open circuit (BrokenCircuitException) are not retried.
                ShouldHandle = args => ValueTask.FromResult(TransientFailure.Is(args.Outcome, args.Context.CancellationToken)),
                OnRetry = args =>
                {
                    if (OutboundCall.Of(args.Context) is { } call)
                    {
                        // AttemptNumber is zero-based and names the attempt that just failed.
                        DownstreamHttpLog.RetryScheduled(logger, system, call.Operation, call.OrderId, args.AttemptNumber + 1,
                            OutcomeText.Describe(args.Outcome), args.RetryDelay.TotalMilliseconds, call.CorrelationId);
                        call.Attempts = args.AttemptNumber + 2;
                    }

                    return ValueTask.CompletedTask;
                },
            };

            // Set last: its setter installs the DelayGenerator that reads Retry-After, and assigning
            // DelayGenerator afterwards would silently replace it.
            retry.ShouldRetryAfterHeader = true;
            pipeline.AddRetry(retry);
        }

        var circuit = new CircuitStateReporter(system, reporter, logger);
        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            Name = "circuit",
            FailureRatio = options.CircuitFailureRatio,
            MinimumThroughput = options.CircuitMinimumThroughput,
            SamplingDuration = options.CircuitSamplingDuration,
            BreakDuration = options.CircuitBreakDuration,
            // The same failures as the retry counts, so a refusal storm (422s) never opens the circuit.
            ShouldHandle = args => ValueTask.FromResult(TransientFailure.Is(args.Outcome, args.Context.CancellationToken)),
            OnOpened = circuit.OnOpenedAsync,
            OnHalfOpened = circuit.OnHalfOpenedAsync,
            OnClosed = circuit.OnClosedAsync,
        });

        // Innermost, so each attempt gets its own budget and a hung attempt is a retryable failure.
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = options.AttemptTimeout });
    }
}
