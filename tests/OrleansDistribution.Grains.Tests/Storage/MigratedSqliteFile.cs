using OrleansDistribution.Hosting.Storage;
using OrleansDistribution.Hosting.Storage.GroupCommit;

namespace OrleansDistribution.Grains.Tests.Storage;

/// <summary>A migrated embedded database file of its own for one test, and the SQLite stores over it; deleted afterwards.</summary>
public sealed class MigratedSqliteFile : IAsyncDisposable
{
    private readonly string _directory;
    private readonly SqliteStorageLocation _location;

    private MigratedSqliteFile(string directory)
    {
        _directory = directory;
        _location = new SqliteStorageLocation(directory);
    }

    /// <summary>Creates the file in a new temporary directory and applies every migration.</summary>
    public static async Task<MigratedSqliteFile> CreateAsync(string prefix)
    {
        var file = new MigratedSqliteFile(Path.Combine(Path.GetTempPath(), $"odtest-{prefix}-{Guid.NewGuid():N}"));
        await new SqlMigrationRunner(SqlMigrationProvider.Sqlite, file._location.ConnectionString).ApplyAsync();
        return file;
    }

    /// <summary>A not yet started grain state store over the file for a service.</summary>
    public IGrainStateStore CreateStore(string serviceId) =>
        new SqliteGrainStateStore(_location.ConnectionString, serviceId, SqliteSynchronousMode.Full, TimeProvider.System);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
