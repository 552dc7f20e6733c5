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

    [Fact]
    public async Task GetStockSnapshot_GetsStockWithEscapedCursorLimitAndHeaders_ReturnsThePage()
    {
        var context = StockContext();
        _stub.Then(Respond.Json(200, new
        {
            positions = new object[]
            {
                new { sku = "SKU 1/b", onHand = 0, erpSequence = 7, asOf = "2026-03-01T08:00:00+01:00" },
                new { sku = "SKU-2", onHand = 12, erpSequence = 3_000_000_000L, asOf = "2026-03-01T09:30:00Z" },
            },
            next = "SKU-2",
        }));

        var page = await _harness.Erp.GetStockSnapshotAsync("SKU 1/a&b", 2, context, CancellationToken.None);

        Assert.Equal(
            [
                new ErpStockPosition("SKU 1/b", 0, 7, new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.FromHours(1))),
                new ErpStockPosition("SKU-2", 12, 3_000_000_000L, new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero)),
            ],
            page.Positions);
        Assert.Equal("SKU-2", page.Next);
        var request = Assert.Single(_stub.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/erp/stock", request.Path);
        Assert.Equal("?after=SKU%201%2Fa%26b&limit=2", request.Query);
        Assert.Equal(context.IdempotencyKey, request.Header("Idempotency-Key"));
        Assert.Equal(context.CorrelationId, request.Header("X-Correlation-ID"));
    }

    [Fact]
    public async Task GetStockSnapshot_FromTheStart_NoCursorInTheQueryAndLastPageHasNoNext()
    {
        _stub.Then(Respond.Json(200, new { positions = new[] { Position("SKU-1") }, next = (string?)null }));

        var page = await _harness.Erp.GetStockSnapshotAsync(null, 500, StockContext(), CancellationToken.None);

        Assert.Equal("SKU-1", Assert.Single(page.Positions).Sku);
        Assert.Null(page.Next);
        Assert.Equal("?limit=500", Assert.Single(_stub.Requests).Query);
    }

    [Fact]
    public async Task GetStockSnapshot_EmptyLastPage_IsAPage()
    {
        _stub.Then(Respond.Json(200, new { positions = Array.Empty<object>() }));

        var page = await _harness.Erp.GetStockSnapshotAsync("SKU-9", 10, StockContext(), CancellationToken.None);

        Assert.Empty(page.Positions);
        Assert.Null(page.Next);
    }

    public static TheoryData<string, string> IncompleteStockAnswers => new()
    {
        { """{"next":null}""", "'positions'" },
        { """{"positions":null}""", "'positions'" },
        { """{"positions":[null]}""", "'positions[0]'" },
        { """{"positions":[{"onHand":1,"erpSequence":1,"asOf":"2026-03-01T08:00:00Z"}]}""", "'positions[0].sku'" },
        { """{"positions":[{"sku":"","onHand":1,"erpSequence":1,"asOf":"2026-03-01T08:00:00Z"}]}""", "'positions[0].sku'" },
        { """{"positions":[{"sku":"A","erpSequence":1,"asOf":"2026-03-01T08:00:00Z"}]}""", "'positions[0].onHand'" },
        { """{"positions":[{"sku":"A","onHand":1,"asOf":"2026-03-01T08:00:00Z"}]}""", "'positions[0].erpSequence'" },
        { """{"positions":[{"sku":"A","onHand":1,"erpSequence":1,"asOf":"2026-03-01T08:00:00Z"},{"sku":"B","onHand":1,"erpSequence":1}]}""", "'positions[1].asOf'" },
    };

    [Theory]
    [MemberData(nameof(IncompleteStockAnswers))]
    public async Task GetStockSnapshot_AnswerWithoutAField_UnavailableNamingItAndNotRetried(string body, string field)
    {
        _stub.Then(Respond.RawJson(200, body));

        var failure = await Assert.ThrowsAsync<DownstreamUnavailableException>(() =>
            _harness.Erp.GetStockSnapshotAsync(null, 10, StockContext(), CancellationToken.None));

        Assert.Equal(DownstreamSystem.Erp, failure.System);
        Assert.Contains($"without {field}", failure.Message);
        Assert.Single(_stub.Requests);
    }

    public static TheoryData<string?, int, string, string> InvalidStockAnswers => new()
    {
        // Out of ordinal order ("SKU-10" sorts before "SKU-2"), a repeat, or not after the cursor: following it would loop or skip.
        { null, 10, """{"positions":[{"sku":"SKU-2","onHand":1,"erpSequence":1,"asOf":"2026-03-01T08:00:00Z"},{"sku":"SKU-10","onHand":1,"erpSequence":1,"asOf":"2026-03-01T08:00:00Z"}]}""", "'positions[1].sku'" },
        { null, 10, """{"positions":[{"sku":"A","onHand":1,"erpSequence":1,"asOf":"2026-03-01T08:00:00Z"},{"sku":"A","onHand":2,"erpSequence":2,"asOf":"2026-03-01T08:00:00Z"}]}""", "'positions[1].sku'" },
        { "M", 10, """{"positions":[{"sku":"M","onHand":1,"erpSequence":1,"asOf":"2026-03-01T08:00:00Z"}]}""", "'positions[0].sku'" },
        { "M", 10, """{"positions":[{"sku":"a","onHand":1,"erpSequence":1,"asOf":"2026-03-01T08:00:00Z"},{"sku":"B","onHand":1,"erpSequence":1,"asOf":"2026-03-01T08:00:00Z"}]}""", "'positions[1].sku'" },
        { null, 1, """{"positions":[{"sku":"A","onHand":1,"erpSequence":1,"asOf":"2026-03-01T08:00:00Z"},{"sku":"B","onHand":1,"erpSequence":1,"asOf":"2026-03-01T08:00:00Z"}],"next":"B"}""", "'positions'" },
        { null, 10, """{"positions":[{"sku":"A","onHand":-1,"erpSequence":1,"asOf":"2026-03-01T08:00:00Z"}]}""", "'positions[0].onHand'" },
        { null, 10, """{"positions":[{"sku":"A","onHand":1,"erpSequence":-1,"asOf":"2026-03-01T08:00:00Z"}]}""", "'positions[0].erpSequence'" },
        { null, 10, """{"positions":[{"sku":"A","onHand":1,"erpSequence":1,"asOf":"2026-03-01T08:00:00Z"}],"next":"Z"}""", "'next'" },
        { "M", 10, """{"positions":[],"next":"M"}""", "'next'" },
    };

    [Theory]
    [MemberData(nameof(InvalidStockAnswers))]
    public async Task GetStockSnapshot_PageThatBreaksThePaging_UnavailableNamingTheField(string? after, int limit, string body, string field)
    {
        _stub.Then(Respond.RawJson(200, body));

        var failure = await Assert.ThrowsAsync<DownstreamUnavailableException>(() =>
            _harness.Erp.GetStockSnapshotAsync(after, limit, StockContext(), CancellationToken.None));

        Assert.Contains($"invalid {field}", failure.Message);
        Assert.Single(_stub.Requests);
    }

    [Fact]
    public async Task GetStockSnapshot_NotTheContractsJson_Unavailable()
    {
        _stub.Then(Respond.RawJson(200, """{"positions":[{"sku":"A","onHand":1.5,"erpSequence":1,"asOf":"2026-03-01T08:00:00Z"}]}"""));

        var failure = await Assert.ThrowsAsync<DownstreamUnavailableException>(() =>
            _harness.Erp.GetStockSnapshotAsync(null, 10, StockContext(), CancellationToken.None));

        Assert.Contains("not the contract's JSON", failure.Message);
    }

    [Fact]
    public async Task GetStockSnapshot_503ThenPage_RetriedWithTheSameKey()
    {
        var context = StockContext();
        _stub.Then(Respond.Status(503), Respond.Json(200, new { positions = new[] { Position("SKU-1") } }));

        var page = await _harness.Erp.GetStockSnapshotAsync(null, 10, context, CancellationToken.None);

        Assert.Equal("SKU-1", Assert.Single(page.Positions).Sku);
        Assert.Equal(2, _stub.Requests.Count);
        Assert.All(_stub.Requests, request => Assert.Equal(context.IdempotencyKey, request.Header("Idempotency-Key")));
    }

    [Fact]
    public async Task GetStockSnapshot_ErpDown_UnavailableAfterEveryAttempt()
    {
        _stub.Otherwise(Respond.Status(503));

        var failure = await Assert.ThrowsAsync<DownstreamUnavailableException>(() =>
            _harness.Erp.GetStockSnapshotAsync(null, 10, StockContext(), CancellationToken.None));

        Assert.Equal(DownstreamSystem.Erp, failure.System);
        Assert.Contains("503", failure.Message);
        Assert.Equal(4, _stub.Requests.Count);
    }

    [Fact]
    public async Task GetStockSnapshot_400Problem_RejectedWithItsDetailAndNotRetried()
    {
        _stub.Otherwise(Respond.Problem(400, "limit: Must be between 1 and 1000."));

        var refusal = await Assert.ThrowsAsync<DownstreamRejectedException>(() =>
            _harness.Erp.GetStockSnapshotAsync(null, 5000, StockContext(), CancellationToken.None));

        Assert.Equal("limit: Must be between 1 and 1000.", refusal.Reason);
        Assert.Single(_stub.Requests);
    }

    /// <summary>What a stock refresh might send: no order behind it, so the key names the refresh.</summary>
    private static OutboundContext StockContext() => new("stock-refresh-1:erp-stock-snapshot", $"corr-{Guid.NewGuid():N}");

    /// <summary>One position as the contract spells it.</summary>
    private static object Position(string sku) =>
        new { sku, onHand = 5, erpSequence = 1, asOf = "2026-03-01T08:00:00+00:00" };
}
