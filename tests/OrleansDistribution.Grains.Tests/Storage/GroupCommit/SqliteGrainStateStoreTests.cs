using OrleansDistribution.Hosting.Storage.GroupCommit;

namespace OrleansDistribution.Grains.Tests.Storage.GroupCommit;

/// <summary>The storage contract on the embedded SQLite store, a migrated file per test.</summary>
public sealed class SqliteGrainStateStoreTests : GrainStateStoreContract, IAsyncLifetime
{
    private MigratedSqliteFile? _file;

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => _file = await MigratedSqliteFile.CreateAsync("sqlite");

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _file!.DisposeAsync();

    /// <inheritdoc />
    protected override Task<IGrainStateStore> CreateStoreAsync(string serviceId) => Task.FromResult(_file!.CreateStore(serviceId));
}
