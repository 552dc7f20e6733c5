using OrleansDistribution.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Grains.Tests.Fixtures;
using OrleansDistribution.Hosting;
using OrleansDistribution.Integration.Simulated;

namespace OrleansDistribution.Grains.Tests.Orders;

/// <summary>
/// The accepted → ERP committed SLA: an order whose commit keeps failing is retried quietly until the SLA runs out,
/// then held once with ErpUnavailable; replayed after the ERP recovers, it goes on to the warehouse.
/// Its own one-silo cluster: the SLA and retry timings here would disturb the shared cluster's tests.
/// </summary>
public sealed class ErpCommitSlaTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await ClusterFixture.DeployAsync(1, new Dictionary<string, string?>
    {
        ["Distribution:Workflow:FirstStepDelay"] = "00:00:00.010",
        ["Distribution:Workflow:StepRetryDelay"] = "00:00:00.300",
        ["Distribution:Workflow:MaxStepRetryDelay"] = "00:00:00.300",
        ["Distribution:Workflow:ErpCommitWithin"] = "00:00:01",
        ["Distribution:Workflow:ResumeCheckPeriod"] = "00:00:01",
    });

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task CommitKeepsFailingUntilItsSla_HeldOnceAsErpUnavailable_ReplayAfterRecoveryReleases()
    {
        var grains = _cluster.Client;
        var faults = _cluster.GetSiloServiceProvider(_cluster.Silos[0].SiloAddress).GetRequiredService<FaultInjector>();
        var catalog = await TestCatalog.CreateAsync(grains);
        var sku = await catalog.StockAsync(10);
        await catalog.PublishPricesAsync("v1", (sku, 1m));
        faults.Set(new SimulationFaults { ErrorRate = 1, System = "erp" });
        // Acceptance itself asks the ERP about the customer; with errors injected it proceeds without the answer.
        var order = catalog.NewOrder();
        var accepted = await order.PlaceAsync(catalog.Order((sku, 1)));
        Assert.Equal(OrderStatus.Accepted, accepted.Status);

        // Retried quietly until the 1 s SLA ran out; then one exception for a person, at the commit step.
        var held = await TestCatalog.WaitForStatusAsync(order, OrderStatus.OnHold);
        Assert.Equal(OrderExceptionTypes.ErpUnavailable, held.Exception!.Type);
        Assert.Equal("erp-commit", held.Exception.Step);
        Assert.True(held.Exception.RaisedAt - accepted.CreatedAt >= TimeSpan.FromSeconds(1), $"held after {held.Exception.RaisedAt - accepted.CreatedAt}");
        var queued = await grains.GetGrain<IExceptionQueueGrain>(OrderExceptionTypes.ErpUnavailable).ListAsync(catalog.PartnerId);
        Assert.Equal(held.Exception.ExceptionId, Assert.Single(queued).ExceptionId);

        faults.Set(new SimulationFaults());
        var outcome = await order.RetryExceptionAsync(held.Exception.ExceptionId, "ops", null);
        Assert.True(outcome.Succeeded, outcome.Detail);
        var released = await TestCatalog.WaitForStatusAsync(order, OrderStatus.ReleasedToWarehouse);

        Assert.Null(released.Exception);
        Assert.Empty(await grains.GetGrain<IExceptionQueueGrain>(OrderExceptionTypes.ErpUnavailable).ListAsync(catalog.PartnerId));
        Assert.Single(released.Timeline, entry => entry.Status == OrderStatus.OnHold && entry.From != OrderStatus.OnHold);
    }
}
