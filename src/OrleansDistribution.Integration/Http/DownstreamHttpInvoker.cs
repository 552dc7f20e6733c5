using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OrleansDistribution.Integration.Ports;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace OrleansDistribution.Integration.Http;

/// <summary>
/// Sends one contract call through the system's resilient HttpClient and turns what came back into the
/// port's vocabulary: a result, <see cref="DownstreamRejectedException"/> (business refusal, never
/// retried) or <see cref="DownstreamUnavailableException"/> (transient, after the pipeline gave up).
/// It classifies transport outcomes only; what the workflow does about them is the grain's business.
/// </summary>
internal sealed class DownstreamHttpInvoker(HttpClient client, string system, ILogger logger)
{
    /// <summary>Contract header carrying <see cref="OutboundContext.IdempotencyKey"/>.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Contract header carrying <see cref="OutboundContext.CorrelationId"/>.</summary>
    public const string CorrelationIdHeader = "X-Correlation-ID";

    // A refusal's body becomes an order's exception text: enough to read, not a whole HTML error page.
    private const int MaxReasonLength = 1_000;

    /// <summary>camelCase, as docs/integration-contract.md prescribes.</summary>
    public static JsonSerializerOptions Json { get; } = JsonSerializerOptions.Web;

    /// <summary>
    /// Sends <paramref name="method"/> <paramref name="path"/> (relative to the base URL) with
    /// <paramref name="body"/> as JSON and hands a success to <paramref name="readSuccess"/>.
    /// </summary>
    /// <param name="notFoundIsSuccess">True for cancels: the contract makes "never saw it" a success.</param>
    public async Task<TResult> SendAsync<TResult>(
        HttpMethod method,
        string path,
        object? body,
        string operation,
        OutboundContext context,
        bool notFoundIsSuccess,
        Func<HttpResponseMessage, OutboundCall, CancellationToken, Task<TResult>> readSuccess,
        CancellationToken cancellationToken)
    {
        var call = new OutboundCall(system, operation, context);

        // Our own context (rather than the one the handler would make) carries the call to the pipeline's
        // callbacks; it is created from the caller's token, so cancelling the caller stops every attempt and wait.
        var resilienceContext = ResilienceContextPool.Shared.Get(operation, cancellationToken);
        resilienceContext.Properties.Set(OutboundCall.Key, call);
        try
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            if (body is not null)
            {
                request.Content = JsonContent.Create(body, body.GetType(), options: Json);
            }

            // Set once on the one message every attempt re-sends: a retry after a lost response carries the
            // same key, which is what lets the receiver answer it with its first answer instead of acting twice.
            request.Headers.Add(IdempotencyKeyHeader, context.IdempotencyKey);
            request.Headers.Add(CorrelationIdHeader, context.CorrelationId);
            request.SetResilienceContext(resilienceContext);

            using var response = await client.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode || (notFoundIsSuccess && response.StatusCode == HttpStatusCode.NotFound))
            {
                var result = await readSuccess(response, call, cancellationToken);
                DownstreamHttpLog.CallSucceeded(logger, system, operation, call.OrderId, (int)response.StatusCode, call.Attempts, call.CorrelationId);
                return result;
            }

            if (IsRefusal(response.StatusCode))
            {
                var reason = await ReasonOfAsync(response, cancellationToken);
                DownstreamHttpLog.CallRejected(logger, system, operation, call.OrderId, (int)response.StatusCode, call.Attempts, reason, call.CorrelationId);
                throw new DownstreamRejectedException(system, reason);
            }

            // Transient statuses reach here once the retries are spent; anything else (3xx, 1xx) breaks the
            // contract, and waiting for the workflow's next attempt is safer than treating it as a refusal.
            throw Unavailable(call, TransientFailure.Is(response)
                ? $"{system} answered {OutcomeText.Describe(response)}"
                : $"{system} answered {OutcomeText.Describe(response)}, which the contract does not define");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up (its own step timeout or shutdown): that is its decision to report, not an outage.
            throw;
        }
        catch (BrokenCircuitException exception)
        {
            throw Unavailable(call, $"{system} circuit is open: failing fast without calling it", exception, sent: false);
        }
        catch (TimeoutRejectedException exception)
        {
            throw Unavailable(call, $"{system} did not answer in time ({exception.Message})", exception);
        }
        catch (HttpRequestException exception)
        {
            throw Unavailable(call, $"{system} could not be reached or dropped the connection ({exception.Message})", exception);
        }
        catch (OperationCanceledException exception)
        {
            // Not the caller's token: HttpClient's own timeout, which bounds reading the body after the pipeline.
            throw Unavailable(call, $"{system} did not answer in time ({exception.Message})", exception);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilienceContext);
        }
    }

    /// <summary>Reads a 2xx JSON body; a body that breaks the contract is a fault of the system, retried later like an outage.</summary>
    public async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, OutboundCall call, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw Unavailable(call, $"{system} answered {OutcomeText.Describe(response)} with an empty body");
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            throw Unavailable(call, $"{system} answered {OutcomeText.Describe(response)} with a body that is not the contract's JSON ({exception.Message})", exception);
        }
    }

    /// <summary>A 2xx body that lacks a field the contract requires.</summary>
    public DownstreamUnavailableException MissingField(OutboundCall call, HttpResponseMessage response, string field) =>
        Unavailable(call, $"{system} answered {OutcomeText.Describe(response)} without '{field}'");

    /// <summary>A 2xx body whose <paramref name="field"/> is there but breaks the contract, as <paramref name="problem"/> says.</summary>
    public DownstreamUnavailableException InvalidField(OutboundCall call, HttpResponseMessage response, string field, string problem) =>
        Unavailable(call, $"{system} answered {OutcomeText.Describe(response)} with an invalid '{field}': {problem}");

    /// <summary>4xx other than 408 (timeout) and 429 (throttled), which are transient.</summary>
    private static bool IsRefusal(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);

    /// <summary>The problem+json <c>detail</c> (else <c>title</c>), else the body text, else the status line.</summary>
    private static async Task<string> ReasonOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        if (text.StartsWith('{'))
        {
            try
            {
                using var problem = JsonDocument.Parse(text);
                foreach (var field in new[] { "detail", "title" })
                {
                    if (problem.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
                        && value.GetString() is { Length: > 0 } reason)
                    {
                        return Truncate(reason);
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: the raw text is the best reason there is.
            }
        }

        return text.Length > 0
            ? Truncate(text)
            : $"refused with {OutcomeText.Describe(response)}";
    }

    private static string Truncate(string text) =>
        text.Length <= MaxReasonLength ? text : string.Concat(text.AsSpan(0, MaxReasonLength), "…");

    /// <param name="sent">False when the last attempt was refused by the open circuit before it went out.</param>
    private DownstreamUnavailableException Unavailable(OutboundCall call, string reason, Exception? inner = null, bool sent = true)
    {
        var attempts = sent ? call.Attempts : call.Attempts - 1;
        if (attempts > 0)
        {
            // Failing fast on an open circuit is not news: the opening was logged and reported once.
            DownstreamHttpLog.CallUnavailable(logger, system, call.Operation, call.OrderId, call.Attempts, reason, call.CorrelationId);
        }

        return new DownstreamUnavailableException(system, $"{reason} ({attempts} attempt(s) sent)", inner, circuitOpen: attempts == 0);
    }
}
