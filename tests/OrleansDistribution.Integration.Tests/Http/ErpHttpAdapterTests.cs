using System.Diagnostics;
using System.Text.Json;
using OrleansDistribution.Integration.Http;
using OrleansDistribution.Integration.Ports;
using OrleansDistribution.Integration.Tests.Fixtures;

namespace OrleansDistribution.Integration.Tests.Http;

/// <summary>What the ERP receives and how its answers are read (docs/integration-contract.md).</summary>
public sealed class ErpHttpAdapterTests : IAsyncLifetime
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
    public void Registration_WithBaseUrl_ResolvesHttpAdapter()
    {
        Assert.IsType<ErpHttpAdapter>(_harness.Erp);
    }

    [Fact]
    public async Task CommitOrder_PostsContractBodyWithKeyAndCorrelation_ReturnsErpOrderRef()
    {
        var orderId = DownstreamHarness.NewOrderId();
        var context = DownstreamHarness.Step(orderId, "erp-commit");
        _stub.Then(Respond.Json(201, new { erpOrderRef = "ERP-123" }));

        var reference = await _harness.Erp.CommitOrderAsync(DownstreamHarness.Order(orderId), context, CancellationToken.None);

        Assert.Equal("ERP-123", reference);
        var request = Assert.Single(_stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/erp/orders", request.Path);
        Assert.Equal($"{orderId}:erp-commit", request.Header("Idempotency-Key"));
        Assert.Equal(context.CorrelationId, request.Header("X-Correlation-ID"));
        Assert.StartsWith("application/json", request.Header("Content-Type"));

        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal(orderId, root.GetProperty("orderId").GetString());
        Assert.Equal("partner-1", root.GetProperty("partnerId").GetString());
        Assert.Equal("customer-1", root.GetProperty("customerId").GetString());
        Assert.Equal("PO-77", root.GetProperty("channelOrderRef").GetString());
        Assert.Equal("pl-2024-01", root.GetProperty("priceListVersion").GetString());
        Assert.Equal("EUR", root.GetProperty("currency").GetString());
        Assert.Equal(42.50m, root.GetProperty("total").GetDecimal());
        var lines = root.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal("SKU-1", lines[0].GetProperty("sku").GetString());
        Assert.Equal(2, lines[0].GetProperty("quantity").GetInt32());
        Assert.Equal(10.25m, lines[0].GetProperty("unitPrice").GetDecimal());
    }

    [Fact]
    public async Task CommitOrder_InsideATrace_CarriesTraceparent()
    {
        using var trace = new Activity("channel-request").SetIdFormat(ActivityIdFormat.W3C).Start();
        _stub.Then(Respond.Json(201, new { erpOrderRef = "ERP-T" }));
        var orderId = DownstreamHarness.NewOrderId();

        await _harness.Erp.CommitOrderAsync(DownstreamHarness.Order(orderId), DownstreamHarness.Step(orderId, "erp-commit"), CancellationToken.None);

        Assert.Contains(trace.TraceId.ToHexString(), Assert.Single(_stub.Requests).Header("traceparent"));
    }

    [Fact]
    public async Task CheckCustomer_GetsCustomerWithEscapedPartner_ReturnsStandingAndReason()
    {
        var orderId = DownstreamHarness.NewOrderId();
        var context = DownstreamHarness.Step(orderId, "customer-check");
        _stub.Then(Respond.Json(200, new { customerId = "C/7", active = false, reason = "Credit hold" }));

        var standing = await _harness.Erp.CheckCustomerAsync("partner 1", "C/7", context, CancellationToken.None);

        Assert.False(standing.IsActive);
        Assert.Equal("Credit hold", standing.Reason);
        var request = Assert.Single(_stub.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/erp/customers/C%2F7", request.Path);
        Assert.Equal("?partnerId=partner%201", request.Query);
        Assert.Equal($"{orderId}:customer-check", request.Header("Idempotency-Key"));
        Assert.Equal(context.CorrelationId, request.Header("X-Correlation-ID"));
    }

    [Fact]
    public async Task CheckCustomer_AnswerWithoutActive_IsUnavailableNotInactive()
    {
        _stub.Then(Respond.Json(200, new { customerId = "C-1" }));

        var failure = await Assert.ThrowsAsync<DownstreamUnavailableException>(() =>
            _harness.Erp.CheckCustomerAsync("partner-1", "C-1", DownstreamHarness.Step(DownstreamHarness.NewOrderId(), "customer-check"), CancellationToken.None));

        Assert.Equal(DownstreamSystem.Erp, failure.System);
        Assert.Contains("active", failure.Message);
    }

    [Fact]
    public async Task CommitOrder_SuccessWithoutReference_IsUnavailable()
    {
        _stub.Then(Respond.Json(200, new { }));
        var orderId = DownstreamHarness.NewOrderId();

        var failure = await Assert.ThrowsAsync<DownstreamUnavailableException>(() =>
            _harness.Erp.CommitOrderAsync(DownstreamHarness.Order(orderId), DownstreamHarness.Step(orderId, "erp-commit"), CancellationToken.None));

        Assert.Contains("erpOrderRef", failure.Message);
        Assert.Single(_stub.Requests);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(404)]
    public async Task CancelOrder_CancelledOrNeverSeen_IsSuccess(int status)
    {
        var orderId = DownstreamHarness.NewOrderId();
        var context = DownstreamHarness.Step(orderId, "erp-cancel");
        _stub.Then(status == 200 ? Respond.Json(200, new { cancelled = true }) : Respond.Status(404));

        await _harness.Erp.CancelOrderAsync(orderId, context, CancellationToken.None);

        var request = Assert.Single(_stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/erp/orders/{orderId}/cancel", request.Path);
        Assert.Equal($"{orderId}:erp-cancel", request.Header("Idempotency-Key"));
        Assert.Equal(context.CorrelationId, request.Header("X-Correlation-ID"));
    }

    [Fact]
    public async Task CommitOrder_BaseUrlWithPath_AppendsContractPathToIt()
    {
        await using var harness = DownstreamHarness.Create($"{_stub.BaseUrl}/gateway/v1");
        _stub.Then(Respond.Json(201, new { erpOrderRef = "ERP-9" }));
        var orderId = DownstreamHarness.NewOrderId();

        await harness.Erp.CommitOrderAsync(DownstreamHarness.Order(orderId), DownstreamHarness.Step(orderId, "erp-commit"), CancellationToken.None);

        Assert.Equal("/gateway/v1/erp/orders", Assert.Single(_stub.Requests).Path);
    }
}
