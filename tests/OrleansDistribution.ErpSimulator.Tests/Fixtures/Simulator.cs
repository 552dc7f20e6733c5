using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;

namespace OrleansDistribution.ErpSimulator.Tests.Fixtures;

/// <summary>
/// A fresh ErpSimulator per test: faults are process-wide, so tests that inject them must not share a host.
/// </summary>
public sealed class Simulator : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory = new();

    /// <summary>Starts a simulator; over a real Kestrel socket on a free port when <paramref name="overKestrel"/>, else in memory.</summary>
    public Simulator(bool overKestrel = false)
    {
        if (overKestrel)
        {
            _factory.UseKestrel(0);
        }

        Client = _factory.CreateClient();
    }

    /// <summary>A client of the simulator.</summary>
    public HttpClient Client { get; }

    /// <summary>Where the simulator listens (a real address when over Kestrel).</summary>
    public Uri BaseAddress => Client.BaseAddress!;

    /// <summary>A fresh order ID.</summary>
    public static string NewOrderId() => $"ORD-{Guid.NewGuid():N}";

    /// <summary>The key OrleansDistribution sends for one step of one order.</summary>
    public static string Key(string orderId, string step) => $"{orderId}:{step}";

    /// <summary>POST /erp/orders with one line per SKU.</summary>
    public Task<HttpResponseMessage> CommitAsync(string orderId, string? idempotencyKey, string? correlationId = null, params string[] skus) =>
        PostAsync("/erp/orders", idempotencyKey, correlationId, new
        {
            orderId,
            partnerId = "P-1",
            customerId = "C-1",
            channelOrderRef = "PO-1",
            priceListVersion = "v1",
            currency = "USD",
            total = 10m * skus.Length,
            lines = skus.Select(sku => new { sku, quantity = 1, unitPrice = 10m }).ToArray(),
        });

    /// <summary>POST /wms/releases with one line per SKU.</summary>
    public Task<HttpResponseMessage> ReleaseAsync(string orderId, string? idempotencyKey, string? correlationId = null, params string[] skus) =>
        PostAsync("/wms/releases", idempotencyKey, correlationId, new
        {
            orderId,
            customerId = "C-1",
            lines = skus.Select(sku => new { sku, quantity = 1 }).ToArray(),
        });

    /// <summary>POST with the contract's headers, when given.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, string? idempotencyKey, string? correlationId, object? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (correlationId is not null)
        {
            request.Headers.Add("X-Correlation-ID", correlationId);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>PUT /_sim/faults and expect them accepted.</summary>
    public async Task<JsonObject> SetFaultsAsync(object faults)
    {
        using var response = await Client.PutAsJsonAsync("/_sim/faults", faults);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await ReadObjectAsync(response);
    }

    /// <summary>PUT /_sim/stock/{sku} and expect the position booked.</summary>
    public async Task<JsonObject> SetStockAsync(string sku, int onHand)
    {
        using var response = await Client.PutAsJsonAsync($"/_sim/stock/{Uri.EscapeDataString(sku)}", new { onHand });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await ReadObjectAsync(response);
    }

    /// <summary>GET /erp/stock?after=&amp;limit= as the HTTP adapter sends it (no cursor when <paramref name="after"/> is null).</summary>
    public Task<HttpResponseMessage> StockPageAsync(string? after, int limit) =>
        Client.GetAsync(after is null ? $"/erp/stock?limit={limit}" : $"/erp/stock?after={Uri.EscapeDataString(after)}&limit={limit}");

    /// <summary>GET /_sim/orders/{orderId} and expect it known.</summary>
    public async Task<JsonObject> OrderAsync(string orderId)
    {
        using var response = await Client.GetAsync($"/_sim/orders/{orderId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadObjectAsync(response);
    }

    /// <summary>The JSON object a response carries.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }
}
