using Microsoft.Extensions.DependencyInjection;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Integration.Simulated;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Testing.Tests;

/// <summary>Clusters the kit builds on request: several silos sharing one simulation, durable storage.</summary>
[Collection(typeof(PostgresCollection))]
public sealed class ClusterSetupTests(PostgresFixture postgres)
{
    [Fact]
    public async Task TwoSilos_ShareOneSimulation_AnErpOutageHoldsEveryOrder_RecoveryReleasesEachOnce()
    {
        await using var cluster = await DistributionTestCluster.StartAsync(new DistributionTestClusterOptions { Silos = 2 });
        Assert.Same(cluster.SiloServices(0).GetRequiredService<FaultInjector>(), cluster.SiloServices(1).GetRequiredService<FaultInjector>());
        Assert.Same(cluster.Ledger, cluster.SiloServices(1).GetRequiredService<SimulationLedger>());
        var partner = await cluster.OnboardPartnerAsync();
        var sku = await partner.StockAsync(100);
        await partner.PublishPricesAsync("v1", (sku, 2m));

        cluster.Erp.GoDown();
        // Orders land on both silos (random placement): every one of them meets the outage.
        var orders = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
            (await partner.SubmitAsync($"po-{i}", partner.Order((sku, 1)))).Order.OrderId));
        await Eventually.HoldsAsync(() => orders.All(id => cluster.Ledger.Of(id)?.Requests >= 1), "every order asked the ERP");
        Assert.All(orders, id => Assert.Equal(0, cluster.Ledger.Of(id)!.Commits));

        cluster.Erp.Recover();
        foreach (var id in orders)
        {
            await partner.WaitForStatusAsync(id, OrderStatus.ReleasedToWarehouse);
            Assert.Equal((1, 1), (cluster.Ledger.Of(id)!.Commits, cluster.Ledger.Of(id)!.Releases));
        }
    }

    [Fact]
    public async Task Postgres_OrdersOutliveTheCluster_ASecondClusterOfTheServiceReadsThem()
    {
        var database = await postgres.CreateDatabaseAsync("kit");
        var options = new DistributionTestClusterOptions { PostgresConnectionString = database, ServiceId = $"kit-{Guid.NewGuid():N}" };
        await AssertOrdersOutliveTheClusterAsync(options);

        // In the database, not in the process: memory state would also outlive a cluster of the same service ID.
        await using var connection = new Npgsql.NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM distribution_grain_state WHERE service_id = @service", connection);
        count.Parameters.AddWithValue("service", options.ServiceId);
        Assert.True((long)(await count.ExecuteScalarAsync())! > 0);
    }

    [Fact]
    public async Task Sqlite_OrdersOutliveTheCluster_ASecondClusterOfTheServiceReadsThem()
    {
        var directory = Directory.CreateTempSubdirectory("odkit-").FullName;
        try
        {
            await AssertOrdersOutliveTheClusterAsync(new DistributionTestClusterOptions
            {
                SqliteDirectory = directory,
                ServiceId = $"kit-{Guid.NewGuid():N}",
            });
            Assert.NotEmpty(Directory.GetFiles(directory, "*.db*"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task PostgresAndSqliteTogether_Refused() =>
        await Assert.ThrowsAsync<ArgumentException>(() => DistributionTestCluster.StartAsync(new DistributionTestClusterOptions
        {
            PostgresConnectionString = "Host=localhost",
            SqliteDirectory = "./data",
        }));

    private static async Task AssertOrdersOutliveTheClusterAsync(DistributionTestClusterOptions options)
    {
        string orderId;
        var partnerId = "";
        await using (var first = await DistributionTestCluster.StartAsync(options))
        {
            var partner = await first.OnboardPartnerAsync();
            partnerId = partner.PartnerId;
            var sku = await partner.StockAsync(5);
            await partner.PublishPricesAsync("v1", (sku, 2m));
            orderId = (await partner.SubmitAsync("po-durable", partner.Order((sku, 2)))).Order.OrderId;
            await partner.WaitForStatusAsync(orderId, OrderStatus.ReleasedToWarehouse);
        }

        await using var second = await DistributionTestCluster.StartAsync(options);
        var order = await second.Client.GetGrain<IOrderGrain>(orderId).GetAsync();
        Assert.NotNull(order);
        Assert.Equal((partnerId, OrderStatus.ReleasedToWarehouse), (order.PartnerId, order.Status));
    }
}
