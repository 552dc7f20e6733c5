using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ChannelTraffic.Contracts;

namespace ChannelTraffic;

/// <summary>The v1 calls the tool makes, over the one shared HttpClient.</summary>
public sealed class ApiClient(HttpClient http, string adminKey)
{
    private const string ApiKeyHeader = "X-Api-Key";
    private const string StartHint = "Is the API running? Start it with `dotnet run --project src/OrleansDistribution.Api`, or point --url at it.";

    private readonly HttpClient _http = http;
    private readonly string _adminKey = adminKey;

    private Uri BaseUri => _http.BaseAddress!;

    public async Task WaitUntilReadyAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var pollInterval = TimeSpan.FromMilliseconds(500);
        var attempts = 1 + (int)(wait.Ticks / pollInterval.Ticks);
        var lastProblem = string.Empty;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            try
            {
                using var response = await _http.GetAsync("health/ready", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                lastProblem = $"GET /health/ready answered {(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
            {
                lastProblem = $"cannot reach {BaseUri}: {Describe(ex)}";
            }

            if (attempt < attempts)
            {
                await Task.Delay(pollInterval, cancellationToken);
            }
        }

        var waited = wait > TimeSpan.Zero ? $" after waiting {wait.TotalSeconds:0.#} s" : string.Empty;
        throw new TrafficSetupException($"{lastProblem}{waited}. {StartHint}");
    }

    public async Task<string> CreatePartnerAsync(string partnerId, int rateLimitPerSecond, CancellationToken cancellationToken)
    {
        var request = new CreatePartnerRequest(partnerId, $"ChannelTraffic load generator ({partnerId})", rateLimitPerSecond);
        var body = await SendOperatorAsync(HttpMethod.Post, "v1/partners", request, "create partner (POST /v1/partners)", cancellationToken);
        CreatePartnerResponse? created;
        try
        {
            created = JsonSerializer.Deserialize<CreatePartnerResponse>(body, JsonDefaults.Web);
        }
        catch (JsonException ex)
        {
            throw new TrafficSetupException($"POST /v1/partners returned a body that is not the expected JSON: {ex.Message}");
        }

        if (string.IsNullOrWhiteSpace(created?.ApiKey))
        {
            throw new TrafficSetupException("POST /v1/partners succeeded but its body has no apiKey");
        }

        return created.ApiKey;
    }

    public Task SetInventoryAsync(string sku, int onHand, CancellationToken cancellationToken) =>
        SendOperatorAsync(HttpMethod.Put, $"v1/inventory/{Uri.EscapeDataString(sku)}", new SetInventoryRequest(onHand),
            $"stock SKU {sku} (PUT /v1/inventory/{{sku}})", cancellationToken);

    public Task SetPriceListAsync(string partnerId, PriceListRequest priceList, CancellationToken cancellationToken) =>
        SendOperatorAsync(HttpMethod.Put, $"v1/partners/{Uri.EscapeDataString(partnerId)}/price-list", priceList,
            "load price list (PUT /v1/partners/{partnerId}/price-list)", cancellationToken);

    /// <summary>Never throws for server or network trouble: every outcome becomes data for the summary.</summary>
    public async Task<SubmissionResult> SubmitOrderAsync(string partnerKey, PlannedSubmission submission, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/orders");
        request.Headers.TryAddWithoutValidation(ApiKeyHeader, partnerKey);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", submission.Order.IdempotencyKey);
        request.Headers.TryAddWithoutValidation("X-Correlation-ID", submission.CorrelationId);
        request.Content = JsonContent(submission.Order.Body);

        var started = Stopwatch.GetTimestamp();
        try
        {
            // The default completion option buffers the body, so latency includes reading the whole response.
            using var response = await _http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var latencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var status = (int)response.StatusCode;
            var replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var values)
                && values.Any(v => string.Equals(v.Trim(), "true", StringComparison.OrdinalIgnoreCase));

            if (status is >= 200 and < 300)
            {
                var (orderId, orderStatus) = ResponseReader.ReadOrder(body);
                return new SubmissionResult(true, status, FailureKind.None, orderId, orderStatus ?? "(unreadable)", replayed, latencyMs, null);
            }

            var detail = status is >= 300 and < 400 && response.Headers.Location is { } location
                ? $"redirect to {location}"
                : ResponseReader.DescribeError(body);
            return new SubmissionResult(true, status, FailureKind.None, null, null, replayed, latencyMs, detail);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new SubmissionResult(true, 0, FailureKind.Cancelled, null, null, false, Stopwatch.GetElapsedTime(started).TotalMilliseconds, "cancelled");
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            var kind = ex is TaskCanceledException ? FailureKind.Timeout : FailureKind.Transport;
            return new SubmissionResult(true, 0, kind, null, null, false, Stopwatch.GetElapsedTime(started).TotalMilliseconds, Describe(ex));
        }
    }

    private async Task<byte[]> SendOperatorAsync<T>(HttpMethod method, string path, T payload, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation(ApiKeyHeader, _adminKey);
        request.Content = JsonContent(JsonSerializer.SerializeToUtf8Bytes(payload, JsonDefaults.Web));
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return body;
            }

            var status = (int)response.StatusCode;
            var hint = status switch
            {
                401 => $" The operator key was rejected: check --admin-key / {TrafficOptions.AdminKeyEnvironmentVariable}.",
                403 => " The key is not allowed to do this: it must be the operator key, not a partner key.",
                409 when path == "v1/partners" => " That partner id already exists: omit --partner to get a fresh one, or choose another.",
                >= 300 and < 400 => $" Redirected to {response.Headers.Location}: pass that address as --url.",
                _ => string.Empty,
            };
            throw new TrafficSetupException($"{what} failed: HTTP {status} {response.ReasonPhrase}: {ResponseReader.DescribeError(body)}.{hint}");
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            throw new TrafficSetupException($"{what} failed: cannot reach {BaseUri}: {Describe(ex)}. {StartHint}");
        }
    }

    private static ByteArrayContent JsonContent(byte[] body)
    {
        // Fresh content and header objects per request: HttpContent is single-use and header values are mutable;
        // only the bytes are shared.
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>
    /// HttpClient reports its own timeout as a TaskCanceledException while our token is still live;
    /// that, and HttpRequestException, are the network's fault, not a bug in this tool.
    /// </summary>
    private static bool IsTransportFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private static string Describe(Exception ex)
    {
        if (ex is TaskCanceledException)
        {
            return "no response before the request timeout (--timeout)";
        }

        // The innermost exception carries the useful words ("Connection refused"); the outer ones repeat the URL.
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner.Message;
    }
}
