using OrleansDistribution.Hosting.Storage;
using OrleansDistribution.Hosting.Storage.GroupCommit;

namespace OrleansDistribution.Grains.Tests.Storage.OrderIndex;

/// <summary>The order index contract on the embedded SQLite store, a migrated file per test.</summary>
public sealed class SqliteOrderIndexTests : OrderIndexStoreContract, IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"odtest-orderindex-{Guid.NewGuid():N}");
    private SqliteStorageLocation? _location;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        _location = new SqliteStorageLocation(_directory);
        await new SqlMigrationRunner(SqlMigrationProvider.Sqlite, _location.ConnectionString).ApplyAsync();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    protected override Task<IGrainStateStore> CreateStoreAsync(string serviceId) =>
        Task.FromResult<IGrainStateStore>(new SqliteGrainStateStore(_location!.ConnectionString, serviceId, SqliteSynchronousMode.Full, TimeProvider.System));
}
