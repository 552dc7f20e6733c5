using System.Net;
using OrleansDistribution.Api.Tests.Fixtures;
using OrleansDistribution.Api.Tests.Inventory;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Api.Tests.Recovery;

/// <summary>The full ERP stock refresh when the ERP fails: the run fails and says why, the silo carries on, the next run heals.</summary>
[Collection(RecoveryCollection.Name)]
public sealed class ErpRefreshRecoveryTests(RecoveryApiFixture api) : FaultInjectionTests(api)
{
    [Fact]
    public async Task ErpDown_RunFailsWithItsReason_SiloStaysUp_NextRunHeals()
    {
        var sku = ReconciliationTests.NewSku("OUTAGE");
        await ReconciliationTests.BookInErpAsync(Operator, (sku, 9));
        await Simulation.SetFaultsAsync(Operator, new { down = true, system = "erp" });

        var failed = await ErpRefreshTests.RefreshAsync(Operator);

        Assert.Equal("failed", failed["status"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(failed["error"]?.GetValue<string>()), failed.ToJsonString());
        Assert.NotNull(failed["finishedAt"]?.GetValue<DateTimeOffset>());
        using var missing = await Operator.GetAsync($"/v1/inventory/{sku}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var live = await Operator.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        await Simulation.ClearFaultsAsync(Operator);

        // Once the ERP answers (its circuit may still be open for a moment), a run completes and the SKU is there.
        var healed = await Eventually.MatchesAsync(() => ErpRefreshTests.RefreshAsync(Operator),
            run => run["status"]!.GetValue<string>() == "completed", "a refresh completing after the outage", TimeSpan.FromSeconds(30));
        Assert.True(healed["applied"]!.GetValue<int>() >= 1, healed.ToJsonString());
        Assert.Equal(9, (await ReconciliationTests.GetInventoryAsync(Operator, sku))["onHand"]!.GetValue<int>());
    }
}
