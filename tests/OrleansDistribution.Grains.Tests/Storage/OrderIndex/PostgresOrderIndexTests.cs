using Npgsql;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Grains.Tests.Fixtures;
using OrleansDistribution.Grains.Tests.Storage.GroupCommit;
using OrleansDistribution.Hosting.Storage;
using OrleansDistribution.Hosting.Storage.GroupCommit;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Grains.Tests.Storage.OrderIndex;

/// <summary>The order index contract on PostgreSQL: a throwaway server, a migrated database per test.</summary>
[Collection(typeof(PostgresCollection))]
public sealed class PostgresOrderIndexTests(PostgresFixture postgres) : OrderIndexStoreContract, IAsyncLifetime
{
    private string? _connectionString;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync("orderindex");
        await new SqlMigrationRunner(SqlMigrationProvider.Postgres, _connectionString).ApplyAsync();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Write_OfAnOrderStoredBeforeTheIndex_AddsItsRow()
    {
        var serviceId = $"svc-{Guid.NewGuid():N}";
        await using var harness = await StorageHarness.StartAsync(await CreateStoreAsync(serviceId));
        var order = Order("partner-a", "PO-OLD", "C-1", OrderStatus.Accepted, 1);
        var written = await WriteAsync(harness, "ord-old", order);
        // As an order written before migration 0006 is: its state without an index row.
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync();
            await using var forget = new NpgsqlCommand("DELETE FROM distribution_order_index WHERE service_id = $1", connection) { Parameters = { new() { Value = serviceId } } };
            Assert.Equal(1, await forget.ExecuteNonQueryAsync());
        }

        order.Status = OrderStatus.ErpCommitted;
        await WriteAsync(harness, "ord-old", order, written.ETag);

        var found = Assert.Single(await new GrainStateOrderIndex(harness.Store).SearchAsync(new OrderSearch { ChannelOrderRef = "PO-OLD" }, CancellationToken.None));
        Assert.Equal(("ord-old", OrderStatus.ErpCommitted), (found.OrderId, found.Status));
    }

    /// <inheritdoc />
    protected override Task<IGrainStateStore> CreateStoreAsync(string serviceId) =>
        Task.FromResult<IGrainStateStore>(new PostgresGrainStateStore(_connectionString!, serviceId));
}
