using System.Text.Json;
using OrleansDistribution.Integration.Http;
using OrleansDistribution.Integration.Ports;
using OrleansDistribution.Integration.Tests.Fixtures;

namespace OrleansDistribution.Integration.Tests.Http;

/// <summary>What the WMS receives and how its answers are read (docs/integration-contract.md).</summary>
public sealed class WarehouseHttpAdapterTests : IAsyncLifetime
{
    private StubServer _stub = null!;
    private DownstreamHarness _harness = null!;

    public async ValueTask InitializeAsync()
    {
        _stub = await StubServer.StartAsync();
        _harness = DownstreamHarness.Create(_stub.BaseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _stub.DisposeAsync();
    }

    [Fact]
    public async Task Release_PostsContractBodyWithKeyAndCorrelation_ReturnsReleaseRef()
    {
        Assert.IsType<WarehouseHttpAdapter>(_harness.Warehouse);
        var orderId = DownstreamHarness.NewOrderId();
        var context = DownstreamHarness.Step(orderId, "warehouse-release");
        _stub.Then(Respond.Json(201, new { releaseRef = "WMS-5" }));

        var reference = await _harness.Warehouse.ReleaseAsync(
            new WarehouseRelease(orderId, "customer-1", [new WarehouseReleaseLine("SKU-1", 3)]), context, CancellationToken.None);

        Assert.Equal("WMS-5", reference);
        var request = Assert.Single(_stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/wms/releases", request.Path);
        Assert.Equal($"{orderId}:warehouse-release", request.Header("Idempotency-Key"));
        Assert.Equal(context.CorrelationId, request.Header("X-Correlation-ID"));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(orderId, body.RootElement.GetProperty("orderId").GetString());
        Assert.Equal("customer-1", body.RootElement.GetProperty("customerId").GetString());
        var line = Assert.Single(body.RootElement.GetProperty("lines").EnumerateArray().ToList());
        Assert.Equal("SKU-1", line.GetProperty("sku").GetString());
        Assert.Equal(3, line.GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task Release_RefusedWithProblem_IsRejectedWithDetail()
    {
        _stub.Then(Respond.Problem(422, "Dock closed for inventory count"));
        var orderId = DownstreamHarness.NewOrderId();

        var refusal = await Assert.ThrowsAsync<DownstreamRejectedException>(() => _harness.Warehouse.ReleaseAsync(
            new WarehouseRelease(orderId, "customer-1", [new WarehouseReleaseLine("SKU-1", 1)]),
            DownstreamHarness.Step(orderId, "warehouse-release"), CancellationToken.None));

        Assert.Equal(DownstreamSystem.Warehouse, refusal.System);
        Assert.Equal("Dock closed for inventory count", refusal.Reason);
        Assert.Single(_stub.Requests);
    }

    [Fact]
    public async Task CancelRelease_NeverSeen404_IsSuccess()
    {
        var orderId = DownstreamHarness.NewOrderId();
        var context = DownstreamHarness.Step(orderId, "warehouse-cancel");
        _stub.Then(Respond.Status(404));

        await _harness.Warehouse.CancelReleaseAsync(orderId, context, CancellationToken.None);

        var request = Assert.Single(_stub.Requests);
        Assert.Equal($"/wms/releases/{orderId}/cancel", request.Path);
        Assert.Equal($"{orderId}:warehouse-cancel", request.Header("Idempotency-Key"));
        Assert.Equal(context.CorrelationId, request.Header("X-Correlation-ID"));
    }
}
