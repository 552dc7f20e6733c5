using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace OrleansDistribution.Integration.Http;

/// <summary>What the retry retries and the circuit breaker counts.</summary>
internal static class TransientFailure
{
    /// <summary>
    /// 5xx, 408, 429, <see cref="HttpRequestException"/> and an attempt's <c>TimeoutRejectedException</c>
    /// (<see cref="HttpClientResiliencePredicates.IsTransient(Outcome{HttpResponseMessage})"/>), plus a
    /// connect timeout: an <see cref="OperationCanceledException"/> wrapping a <see cref="TimeoutException"/>
    /// while nobody cancelled. The package's own overload that adds the last case is [Experimental]
    /// (EXTEXP0001) in 10.11, so the same rule is spelled out here rather than suppressing the diagnostic.
    /// </summary>
    public static bool Is(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) =>
        HttpClientResiliencePredicates.IsTransient(outcome)
        || (!cancellationToken.IsCancellationRequested && outcome.Exception is OperationCanceledException { InnerException: TimeoutException });

    /// <summary>A status the pipeline would have retried.</summary>
    public static bool Is(HttpResponseMessage response) =>
        HttpClientResiliencePredicates.IsTransient(Outcome.FromResult(response));
}
