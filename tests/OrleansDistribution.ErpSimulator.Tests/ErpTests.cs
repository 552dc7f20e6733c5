using System.Net;
using OrleansDistribution.ErpSimulator.Tests.Fixtures;

namespace OrleansDistribution.ErpSimulator.Tests;

public sealed class ErpTests
{
    [Fact]
    public async Task Commit_SameIdempotencyKeyTwice_SameRefAndOneCommit()
    {
        await using var simulator = new Simulator();
        var orderId = Simulator.NewOrderId();
        var key = Simulator.Key(orderId, "erp-commit");

        using var first = await simulator.CommitAsync(orderId, key, skus: "SKU-1");
        using var second = await simulator.CommitAsync(orderId, key, skus: "SKU-1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var reference = (await Simulator.ReadObjectAsync(first))["erpOrderRef"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(reference));
        Assert.Equal(reference, (await Simulator.ReadObjectAsync(second))["erpOrderRef"]!.GetValue<string>());
        var order = await simulator.OrderAsync(orderId);
        Assert.Equal(1, order["commits"]!.GetValue<int>());
        Assert.Equal(2, order["requests"]!.GetValue<int>());
    }

    [Fact]
    public async Task Commit_WithoutIdempotencyKey_400AndNothingRecorded()
    {
        await using var simulator = new Simulator();
        var orderId = Simulator.NewOrderId();

        using var response = await simulator.CommitAsync(orderId, idempotencyKey: null, skus: "SKU-1");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["Idempotency-Key"]);
        using var record = await simulator.Client.GetAsync($"/_sim/orders/{orderId}");
        Assert.Equal(HttpStatusCode.NotFound, record.StatusCode);
    }

    [Fact]
    public async Task Commit_WithoutOrderId_400()
    {
        await using var simulator = new Simulator();

        using var response = await simulator.PostAsync("/erp/orders", "some-key", null, new { lines = Array.Empty<object>() });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["orderId"]);
    }

    [Fact]
    public async Task Cancel_OrderNeverCommitted_200AndTwiceStill200()
    {
        await using var simulator = new Simulator();
        var orderId = Simulator.NewOrderId();
        var key = Simulator.Key(orderId, "erp-cancel");

        using var first = await simulator.PostAsync($"/erp/orders/{orderId}/cancel", key, null);
        using var second = await simulator.PostAsync($"/erp/orders/{orderId}/cancel", key, null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True((await Simulator.ReadObjectAsync(second))["cancelled"]!.GetValue<bool>());
        var order = await simulator.OrderAsync(orderId);
        Assert.Equal(1, order["erpCancels"]!.GetValue<int>());
        Assert.Equal(0, order["wmsCancels"]!.GetValue<int>());
        Assert.Equal(1, order["cancels"]!.GetValue<int>());
        Assert.Equal(0, order["commits"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("C-1", true)]
    [InlineData("INACTIVE-C-1", false)]
    [InlineData("inactive-c-2", false)]
    public async Task CustomerCheck_ByPrefix_ActiveOrInactiveWithReason(string customerId, bool active)
    {
        await using var simulator = new Simulator();

        using var response = await simulator.Client.GetAsync($"/erp/customers/{customerId}?partnerId=P-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Simulator.ReadObjectAsync(response);
        Assert.Equal(customerId, body["customerId"]!.GetValue<string>());
        Assert.Equal(active, body["active"]!.GetValue<bool>());
        Assert.Equal(active, body["reason"] is null);
    }

    [Fact]
    public async Task Order_NeverSeen_404Problem()
    {
        await using var simulator = new Simulator();

        using var response = await simulator.Client.GetAsync($"/_sim/orders/{Simulator.NewOrderId()}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Requests_WithCorrelationIds_AllRecordedOnce()
    {
        await using var simulator = new Simulator();
        var orderId = Simulator.NewOrderId();

        (await simulator.CommitAsync(orderId, Simulator.Key(orderId, "erp-commit"), "corr-submit", "SKU-1")).Dispose();
        (await simulator.CommitAsync(orderId, Simulator.Key(orderId, "erp-commit"), "corr-submit", "SKU-1")).Dispose();
        (await simulator.ReleaseAsync(orderId, Simulator.Key(orderId, "warehouse-release"), "corr-submit", "SKU-1")).Dispose();
        (await simulator.PostAsync($"/wms/releases/{orderId}/cancel", Simulator.Key(orderId, "warehouse-cancel"), "corr-cancel")).Dispose();
        (await simulator.PostAsync($"/erp/orders/{orderId}/cancel", Simulator.Key(orderId, "erp-cancel"), "corr-cancel")).Dispose();

        var order = await simulator.OrderAsync(orderId);
        Assert.Equal(["corr-submit", "corr-cancel"], order["correlationIds"]!.AsArray().Select(id => id!.GetValue<string>()));
        Assert.Equal(5, order["requests"]!.GetValue<int>());
        Assert.Equal(1, order["commits"]!.GetValue<int>());
        Assert.Equal(1, order["releases"]!.GetValue<int>());
        Assert.Equal(2, order["cancels"]!.GetValue<int>());
    }
}
