using OrleansDistribution.Grains.Tests.Fixtures;
using OrleansDistribution.Hosting.Storage;
using OrleansDistribution.Hosting.Storage.GroupCommit;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Grains.Tests.Storage.OrderIndex;

/// <summary>The order index contract on PostgreSQL: a throwaway server, a migrated database per test.</summary>
[Collection(PostgresFixture.CollectionName)]
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

    /// <inheritdoc />
    protected override Task<IGrainStateStore> CreateStoreAsync(string serviceId) =>
        Task.FromResult<IGrainStateStore>(new PostgresGrainStateStore(_connectionString!, serviceId));
}
