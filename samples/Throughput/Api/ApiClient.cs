using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Throughput.Api;

/// <summary>The API v1 calls the benchmark makes besides the load itself: setup, checks and scrapes.</summary>
internal sealed class ApiClient(HttpClient http, string adminKey)
{
    private const string ApiKeyHeader = "X-Api-Key";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http = http;
    private readonly string _adminKey = adminKey;

    /// <summary>Polls /health/ready until 200 or the wait is over.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan wait, Func<bool>? stillAlive, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + wait;
        var last = "no answer";
        while (true)
        {
            try
            {
                using var response = await _http.GetAsync("health/ready", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"/health/ready answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                last = $"cannot reach {_http.BaseAddress}: {ex.InnerException?.Message ?? ex.Message}";
            }

            if (stillAlive is not null && !stillAlive())
            {
                throw new SetupException("the launched API exited before it was ready");
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new SetupException($"{last} after {wait.TotalSeconds:0} s. Start the API (or use --launch), or point --url at it.");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>POST /v1/partners; returns the partner's API key.</summary>
    public async Task<string> CreatePartnerAsync(string partnerId, int rateLimitPerSecond, CancellationToken cancellationToken)
    {
        var body = await SendOperatorAsync(HttpMethod.Post, "v1/partners",
            new { partnerId, name = $"Throughput benchmark {partnerId}", rateLimitPerSecond }, cancellationToken);
        return JsonNode.Parse(body)?["apiKey"]?.GetValue<string>()
            ?? throw new SetupException("POST /v1/partners answered without an apiKey");
    }

    /// <summary>POST /v1/webhooks as the partner: its order and availability events go to <paramref name="url"/>.</summary>
    public async Task RegisterWebhookAsync(string partnerKey, Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/webhooks");
        request.Headers.TryAddWithoutValidation(ApiKeyHeader, partnerKey);
        request.Content = Json(JsonSerializer.SerializeToUtf8Bytes(new { url = url.AbsoluteUri, events = new[] { "OrderStatusChanged", "AvailabilityChanged" } }, Web));
        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SetupException($"POST /v1/webhooks answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)} (this build may have no webhooks)");
        }
    }

    /// <summary>PUT /v1/inventory/{sku}.</summary>
    public Task SetStockAsync(string sku, int onHand, CancellationToken cancellationToken) =>
        SendOperatorAsync(HttpMethod.Put, $"v1/inventory/{Uri.EscapeDataString(sku)}", new { onHand }, cancellationToken);

    /// <summary>PUT /v1/partners/{id}/price-list with one price for every SKU.</summary>
    public Task SetPriceListAsync(string partnerId, string version, IEnumerable<string> skus, CancellationToken cancellationToken) =>
        SendOperatorAsync(HttpMethod.Put, $"v1/partners/{Uri.EscapeDataString(partnerId)}/price-list",
            new { version, currency = "USD", lines = skus.Select(sku => new { sku, unitPrice = 9.99m }) }, cancellationToken);

    /// <summary>GET /v1/inventory/{sku}: (onHand, reserved).</summary>
    public async Task<(int OnHand, int Reserved)> GetStockAsync(string sku, CancellationToken cancellationToken)
    {
        using var request = Operator(HttpMethod.Get, $"v1/inventory/{Uri.EscapeDataString(sku)}");
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SetupException($"GET /v1/inventory/{sku} answered {(int)response.StatusCode}: {body}");
        }

        var node = JsonNode.Parse(body)!;
        return (node["onHand"]!.GetValue<int>(), node["reserved"]!.GetValue<int>());
    }

    /// <summary>GET /v1/orders/{id} as the partner: the order's status, or "HTTP nnn".</summary>
    public async Task<string> GetOrderStatusAsync(string partnerKey, string orderId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/orders/{Uri.EscapeDataString(orderId)}");
        request.Headers.TryAddWithoutValidation(ApiKeyHeader, partnerKey);
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return $"HTTP {(int)response.StatusCode}";
            }

            var node = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return node?["status"]?.GetValue<string>() ?? "(no status)";
        }
        catch (HttpRequestException ex)
        {
            return $"unreachable: {ex.Message}";
        }
    }

    /// <summary>GET /v1/orders/{id} as the partner: status and lines (SKU, quantity), or null when it cannot be read.</summary>
    public async Task<(string Status, IReadOnlyList<(string Sku, int Quantity)> Lines)?> GetOrderAsync(string partnerKey, string orderId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/orders/{Uri.EscapeDataString(orderId)}");
        request.Headers.TryAddWithoutValidation(ApiKeyHeader, partnerKey);
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var node = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
            var lines = node["lines"]!.AsArray().Select(line => (line!["sku"]!.GetValue<string>(), line["quantity"]!.GetValue<int>())).ToList();
            return (node["status"]!.GetValue<string>(), lines);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Every order ID of the partner, through the order search (newest first, page after page).</summary>
    public async Task<IReadOnlyList<string>> ListOrderIdsAsync(string partnerKey, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var path = cursor is null ? "v1/orders?limit=200" : $"v1/orders?limit=200&cursor={Uri.EscapeDataString(cursor)}";
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation(ApiKeyHeader, partnerKey);
            using var response = await _http.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            var node = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
            ids.AddRange(node["orders"]!.AsArray().Select(order => order!["orderId"]!.GetValue<string>()));
            cursor = node["next"]?.GetValue<string>();
        }
        while (cursor is not null);

        return ids;
    }

    /// <summary>GET /metrics with the operator key; null when the API has no such endpoint (older code).</summary>
    public async Task<string?> GetMetricsTextAsync(CancellationToken cancellationToken)
    {
        using var request = Operator(HttpMethod.Get, "metrics");
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var type = response.Content.Headers.ContentType?.MediaType;
            return response.IsSuccessStatusCode && type is "text/plain" or "application/openmetrics-text"
                ? await response.Content.ReadAsStringAsync(cancellationToken)
                : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>POST /v1/orders as the partner. Never throws for HTTP or network trouble: everything is an outcome.</summary>
    public async Task<SubmitOutcome> SubmitAsync(string partnerKey, OrderSpec order, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/orders");
        request.Headers.TryAddWithoutValidation(ApiKeyHeader, partnerKey);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", order.Key);
        request.Headers.TryAddWithoutValidation("X-Correlation-ID", order.Key);
        request.Content = Json(order.Body());
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Contains("true");
            var status = (int)response.StatusCode;
            if (status != (int)HttpStatusCode.Created)
            {
                var text = System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 300)));
                return new SubmitOutcome(status, null, null, null, 0, replayed, text);
            }

            var node = JsonNode.Parse(body);
            var line = node?["lines"]?[0];
            return new SubmitOutcome(status, node?["status"]?.GetValue<string>(), node?["orderId"]?.GetValue<string>(),
                line?["sku"]?.GetValue<string>(), line?["quantity"]?.GetValue<int>() ?? 0, replayed, null);
        }
        catch (HttpRequestException ex)
        {
            return SubmitOutcome.NoResponse(ex.InnerException?.Message ?? ex.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SubmitOutcome.NoResponse("timeout");
        }
    }

    private async Task<string> SendOperatorAsync(HttpMethod method, string path, object payload, CancellationToken cancellationToken)
    {
        using var request = Operator(method, path);
        request.Content = Json(JsonSerializer.SerializeToUtf8Bytes(payload, Web));
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new SetupException($"{method} /{path}: cannot reach {_http.BaseAddress}: {ex.InnerException?.Message ?? ex.Message}");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return body;
            }

            var hint = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? " Check --admin-key / Distribution__AdminApiKey: it must be the API's operator key."
                : string.Empty;
            throw new SetupException($"{method} /{path} answered {(int)response.StatusCode}: {body}.{hint}");
        }
    }

    private HttpRequestMessage Operator(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation(ApiKeyHeader, _adminKey);
        return request;
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
