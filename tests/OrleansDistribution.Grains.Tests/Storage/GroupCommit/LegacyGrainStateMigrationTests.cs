using Microsoft.Data.Sqlite;
using Npgsql;
using OrleansDistribution.Hosting;
using OrleansDistribution.Hosting.Storage;
using OrleansDistribution.Hosting.Storage.GroupCommit;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Grains.Tests.Storage.GroupCommit;

/// <summary>
/// Upgrading a database that holds state written by the ADO.NET provider: the migration that creates the new table
/// copies the old rows, and grains find their state, ETags included, under the same keys.
/// </summary>
[Collection(typeof(PostgresCollection))]
public sealed class LegacyGrainStateMigrationTests(PostgresFixture postgres)
{
    // The numeric SKU and the GUID-looking key: the provider kept no string for them, the migration must rebuild it.
    private const string NonStringKeyRows = "SELECT count(*) FROM orleans_grain_state WHERE grain_id_extension IS NULL";

    [Fact]
    public async Task PostgresMigration_RowsOfTheAdoNetProvider_ReadableWithTheirETags()
    {
        var connectionString = await postgres.CreateDatabaseAsync("legacy");
        var runner = new SqlMigrationRunner(SqlMigrationProvider.Postgres, connectionString);
        await runner.ApplyAsync();
        // The database as the previous release left it: no grain state table of ours, 0004 never applied.
        await ExecutePostgresAsync(connectionString, "DROP TABLE distribution_grain_state; DELETE FROM distribution_schema_migrations WHERE version = '0004';");
        var legacy = new LegacyAdoNetRows();
        var etags = await legacy.WriteAsync(DistributionSiloExtensions.PostgresInvariant, connectionString);
        Assert.Equal(2L, await ScalarPostgresAsync(connectionString, NonStringKeyRows));

        var applied = await runner.ApplyAsync();

        Assert.Equal(["0004_grain_state"], applied);
        await using var store = new PostgresGrainStateStore(connectionString, legacy.ServiceId);
        await legacy.AssertReadableAsync(store, etags);
    }

    [Fact]
    public async Task SqliteMigration_RowsOfTheAdoNetProvider_ReadableWithTheirETags()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"odtest-legacy-{Guid.NewGuid():N}");
        try
        {
            var location = new SqliteStorageLocation(directory);
            var runner = new SqlMigrationRunner(SqlMigrationProvider.Sqlite, location.ConnectionString);
            await runner.ApplyAsync();
            await ExecuteSqliteAsync(location.ConnectionString, "DROP TABLE distribution_grain_state; DELETE FROM distribution_schema_migrations WHERE version = '0003';");
            var legacy = new LegacyAdoNetRows();
            var etags = await legacy.WriteAsync(DistributionSiloExtensions.SqliteInvariant, location.ConnectionString);
            Assert.Equal(2L, await ScalarSqliteAsync(location.ConnectionString, NonStringKeyRows));

            var applied = await runner.ApplyAsync();

            Assert.Equal(["0003_grain_state"], applied);
            await using var store = new SqliteGrainStateStore(location.ConnectionString, legacy.ServiceId, SqliteSynchronousMode.Full, TimeProvider.System);
            await legacy.AssertReadableAsync(store, etags);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task ExecutePostgresAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarPostgresAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task<object?> ScalarSqliteAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteSqliteAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
