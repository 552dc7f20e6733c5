using OrleansDistribution.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OrleansDistribution.Api.Tests.Fixtures;

/// <summary>A fresh partner with its own SKUs, stock and price list: what every order test starts from.</summary>
public sealed class Scenario : IDisposable
{
    private Scenario(IApiHost api, string partnerId, string apiKey, IReadOnlyList<string> skus)
    {
        PartnerId = partnerId;
        ApiKey = apiKey;
        Skus = skus;
        Partner = api.ClientWithKey(apiKey);
        Operator = api.Operator();
    }

    /// <summary>The same partner, SKUs and key against another (e.g. restarted) API host.</summary>
    public Scenario On(IApiHost api) => new(api, PartnerId, ApiKey, Skus);

    public string PartnerId { get; }

    public string ApiKey { get; }

    public IReadOnlyList<string> Skus { get; }

    public HttpClient Partner { get; }

    public HttpClient Operator { get; }

    public static async Task<Scenario> CreateAsync(IApiHost api, int stock = 100, int skuCount = 2, decimal unitPrice = 12.50m, int rateLimitPerSecond = 100_000)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        using var operatorClient = api.Operator();
        var partnerId = $"p-{id}";
        var created = await operatorClient.PostAsJsonAsync("/v1/partners", new { partnerId, name = $"Partner {id}", rateLimitPerSecond });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var apiKey = (await created.Content.ReadFromJsonAsync<JsonObject>())!["apiKey"]!.GetValue<string>();

        var skus = Enumerable.Range(1, skuCount).Select(n => $"SKU-{id}-{n}").ToList();
        foreach (var sku in skus)
        {
            await SetStockAsync(operatorClient, sku, stock);
        }

        var priced = await operatorClient.PutAsJsonAsync($"/v1/partners/{partnerId}/price-list",
            new { version = "v1", currency = "USD", lines = skus.Select(sku => new { sku, unitPrice }) });
        Assert.Equal(HttpStatusCode.OK, priced.StatusCode);
        return new Scenario(api, partnerId, apiKey, skus);
    }

    public static async Task SetStockAsync(HttpClient operatorClient, string sku, int onHand)
    {
        var response = await operatorClient.PutAsJsonAsync($"/v1/inventory/{sku}", new { onHand });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>An order body for the given (sku, quantity) lines.</summary>
    public static object OrderBody(string channelOrderRef, params (string Sku, int Quantity)[] lines) =>
        new { channelOrderRef, customerId = "C-1", lines = lines.Select(line => new { sku = line.Sku, quantity = line.Quantity }) };

    /// <summary>Submits an order as this partner.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(object body, string? idempotencyKey = null, string? correlationId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/orders") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString());
        if (correlationId is not null)
        {
            request.Headers.Add("X-Correlation-ID", correlationId);
        }

        return await Partner.SendAsync(request);
    }

    /// <summary>Submits and expects a 201; returns the order body.</summary>
    public async Task<JsonObject> SubmitCreatedAsync(object body, string? idempotencyKey = null, string? correlationId = null)
    {
        using var response = await SubmitAsync(body, idempotencyKey, correlationId);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ReadObjectAsync(response);
    }

    public async Task<JsonObject> GetOrderAsync(string orderId, HttpClient? client = null)
    {
        using var response = await (client ?? Partner).GetAsync($"/v1/orders/{orderId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadObjectAsync(response);
    }

    public async Task<JsonObject> GetInventoryAsync(string sku)
    {
        using var response = await Operator.GetAsync($"/v1/inventory/{sku}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadObjectAsync(response);
    }

    /// <summary>Polls the order until it reaches <paramref name="status"/>, failing after the deadline with its timeline.</summary>
    public Task<JsonObject> WaitForStatusAsync(string orderId, string status, TimeSpan? timeout = null) =>
        Eventually.MatchesAsync(() => GetOrderAsync(orderId), order => order["status"]!.GetValue<string>() == status,
            $"order {orderId} reaching {status}", timeout);

    public static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    public void Dispose()
    {
        Partner.Dispose();
        Operator.Dispose();
    }
}
