using System.Net;
using OrleansDistribution.ErpSimulator.Tests.Fixtures;

namespace OrleansDistribution.ErpSimulator.Tests;

public sealed class WmsTests
{
    [Fact]
    public async Task Release_SameIdempotencyKeyTwice_SameRefAndOneRelease()
    {
        await using var simulator = new Simulator();
        var orderId = Simulator.NewOrderId();
        var key = Simulator.Key(orderId, "warehouse-release");

        using var first = await simulator.ReleaseAsync(orderId, key, skus: "SKU-1");
        using var second = await simulator.ReleaseAsync(orderId, key, skus: "SKU-1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var reference = (await Simulator.ReadObjectAsync(first))["releaseRef"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(reference));
        Assert.Equal(reference, (await Simulator.ReadObjectAsync(second))["releaseRef"]!.GetValue<string>());
        var order = await simulator.OrderAsync(orderId);
        Assert.Equal(1, order["releases"]!.GetValue<int>());
        Assert.Equal(2, order["requests"]!.GetValue<int>());
    }

    [Fact]
    public async Task CancelRelease_NeverReleased_200()
    {
        await using var simulator = new Simulator();
        var orderId = Simulator.NewOrderId();

        using var response = await simulator.PostAsync($"/wms/releases/{orderId}/cancel", Simulator.Key(orderId, "warehouse-cancel"), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await Simulator.ReadObjectAsync(response))["cancelled"]!.GetValue<bool>());
        Assert.Equal(1, (await simulator.OrderAsync(orderId))["wmsCancels"]!.GetValue<int>());
    }

    [Fact]
    public async Task Release_WithoutIdempotencyKey_400()
    {
        await using var simulator = new Simulator();

        using var response = await simulator.ReleaseAsync(Simulator.NewOrderId(), idempotencyKey: null, skus: "SKU-1");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["Idempotency-Key"]);
    }
}
