using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansDistribution.Integration.Ports;
using OrleansDistribution.Integration.Simulated;

namespace OrleansDistribution.Integration.Tests.Simulated;

/// <summary>
/// <see cref="IErpPort.GetStockSnapshotAsync"/> of the in-process ERP as a silo gets it (AddDistributionDownstreams
/// without BaseUrls): the stock book's pages, behind the same faults and circuit as the ERP's other calls.
/// </summary>
public sealed class SimulatedErpStockSnapshotTests : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public SimulatedErpStockSnapshotTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Distribution:Simulation:MinLatencyMs"] = "0",
            ["Distribution:Simulation:MaxLatencyMs"] = "0",
            // A circuit that opens after a handful of failures, so a test can see the snapshot goes through it.
            ["Distribution:Erp:CircuitMinimumThroughput"] = "4",
            ["Distribution:Erp:CircuitFailureRatio"] = "0.5",
            ["Distribution:Erp:CircuitBreakDuration"] = "00:01:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDistributionDownstreams(configuration);
        _provider = services.BuildServiceProvider(validateScopes: true);
    }

    private IErpPort Erp => _provider.GetRequiredService<IErpPort>();

    private SimulatedErpStock Stock => _provider.GetRequiredService<SimulatedErpStock>();

    private FaultInjector Faults => _provider.GetRequiredService<FaultInjector>();

    private static OutboundContext Context => new("stock-refresh:erp-stock-snapshot", $"corr-{Guid.NewGuid():N}");

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task GetStockSnapshot_FollowingNext_EveryBookedPositionOnceInSkuOrder()
    {
        for (var i = 7; i >= 1; i--)
        {
            Stock.Set($"SKU-{i}", i * 10);
        }

        var booked = Stock.Set("SKU-3", 33);
        var seen = new List<ErpStockPosition>();
        var pages = 0;
        string? after = null;
        do
        {
            var page = await Erp.GetStockSnapshotAsync(after, 3, Context, CancellationToken.None);
            Assert.True(page.Positions.Count <= 3);
            seen.AddRange(page.Positions);
            after = page.Next;
            pages++;
        }
        while (after is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"SKU-{i}"), seen.Select(position => position.Sku));
        Assert.Equal(booked, seen[2]);
        Assert.Equal((33, 2L), (seen[2].OnHand, seen[2].ErpSequence));
        Assert.Equal((70, 1L), (seen[6].OnHand, seen[6].ErpSequence));
    }

    [Fact]
    public async Task GetStockSnapshot_ErpDown_UnavailableAndTheWmsFaultsDoNotApply()
    {
        Stock.Set("SKU-1", 1);
        Faults.Set(SimulationFaults.None with { Down = true, System = DownstreamSystem.Warehouse });
        Assert.Single((await Erp.GetStockSnapshotAsync(null, 10, Context, CancellationToken.None)).Positions);

        Faults.Set(SimulationFaults.None with { Down = true, System = DownstreamSystem.Erp });
        var failure = await Assert.ThrowsAsync<DownstreamUnavailableException>(() => Erp.GetStockSnapshotAsync(null, 10, Context, CancellationToken.None));

        Assert.Equal(DownstreamSystem.Erp, failure.System);
        Assert.False(failure.CircuitOpen);
    }

    [Fact]
    public async Task GetStockSnapshot_ResponseLost_Unavailable()
    {
        Stock.Set("SKU-1", 1);
        Faults.Set(SimulationFaults.None with { DropResponseRate = 1, System = DownstreamSystem.Erp });

        var failure = await Assert.ThrowsAsync<DownstreamUnavailableException>(() => Erp.GetStockSnapshotAsync(null, 10, Context, CancellationToken.None));

        Assert.Contains("lost", failure.Message);
    }

    [Fact]
    public async Task GetStockSnapshot_RejectSkusSet_StillAnswers()
    {
        // rejectSkus is a commit rule; a stock read is not refused for the SKUs it returns.
        Stock.Set("SKU-BLOCKED", 1);
        Faults.Set(SimulationFaults.None with { RejectSkus = ["SKU-BLOCKED"], System = DownstreamSystem.Erp });

        var page = await Erp.GetStockSnapshotAsync(null, 10, Context, CancellationToken.None);

        Assert.Equal("SKU-BLOCKED", Assert.Single(page.Positions).Sku);
    }

    [Fact]
    public async Task GetStockSnapshot_RepeatedFailures_OpenTheErpCircuitForEveryErpCall()
    {
        Faults.Set(SimulationFaults.None with { ErrorRate = 1, System = DownstreamSystem.Erp });
        for (var i = 0; i < 4; i++)
        {
            var failure = await Assert.ThrowsAsync<DownstreamUnavailableException>(() => Erp.GetStockSnapshotAsync(null, 10, Context, CancellationToken.None));
            Assert.False(failure.CircuitOpen);
        }

        Faults.Set(SimulationFaults.None with { System = DownstreamSystem.Erp });
        var open = await Assert.ThrowsAsync<DownstreamUnavailableException>(() => Erp.GetStockSnapshotAsync(null, 10, Context, CancellationToken.None));
        var customerCheck = await Assert.ThrowsAsync<DownstreamUnavailableException>(() =>
            Erp.CheckCustomerAsync("partner-1", "customer-1", OutboundContext.ForStep("ord-1", "customer-check", "corr-1"), CancellationToken.None));

        Assert.True(open.CircuitOpen);
        Assert.True(customerCheck.CircuitOpen);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(SimulatedErpStock.MaxPageSize + 1)]
    public async Task GetStockSnapshot_LimitOutOfRange_RejectedAsTheHttpErpWould(int limit)
    {
        var failure = await Assert.ThrowsAsync<DownstreamRejectedException>(() => Erp.GetStockSnapshotAsync(null, limit, Context, CancellationToken.None));

        Assert.Equal(DownstreamSystem.Erp, failure.System);
        Assert.Contains("limit", failure.Reason);
    }
}
