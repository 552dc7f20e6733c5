using Npgsql;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Grains.Tests.Fixtures;

/// <summary>
/// The test-support PostgreSQL really starts, hands out isolated databases, survives a stop/start and cleans up,
/// because every storage test downstream trusts it to.
/// </summary>
public sealed class PostgresServerTests(PostgresFixture fixture, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task CreateDatabaseAsync_TwoDatabases_EachAnswersSelectOneUnderItsOwnName()
    {
        output.WriteLine(
            $"server {fixture.Server.Host}:{fixture.Server.Port} (binaries {fixture.Server.BinariesVersion ?? "external"}) "
            + $"started in {fixture.Server.StartupDuration.TotalMilliseconds:F0} ms");

        var first = await fixture.CreateDatabaseAsync("orders");
        var second = await fixture.CreateDatabaseAsync();

        Assert.Equal(1, await SelectOneAsync(first));
        Assert.Equal(1, await SelectOneAsync(second));
        var firstName = await CurrentDatabaseAsync(first);
        var secondName = await CurrentDatabaseAsync(second);
        Assert.StartsWith("orders_", firstName, StringComparison.Ordinal);
        Assert.NotEqual(firstName, secondName);
        Assert.Equal(PostgresServer.MaxPoolSize, new NpgsqlConnectionStringBuilder(first).MaxPoolSize);
    }

    [Fact]
    public async Task StopAsync_ThenStartAgainAsync_ConnectionsFailThenWorkAgain()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var server = await PostgresServer.StartAsync(timeout.Token);
        var database = await server.CreateDatabaseAsync("outage", timeout.Token);
        Assert.Equal(1, await SelectOneAsync(database));

        if (server.IsExternal)
        {
            // An external server must never be shut down by tests; the API says so instead of pretending.
            await Assert.ThrowsAsync<NotSupportedException>(() => server.StopAsync(timeout.Token));
            return;
        }

        await server.StopAsync(timeout.Token);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => SelectOneAsync(database));

        var restart = System.Diagnostics.Stopwatch.StartNew();
        await server.StartAgainAsync(timeout.Token);
        output.WriteLine($"restarted in {restart.Elapsed.TotalMilliseconds:F0} ms");

        // Same pooled connection string as before the outage, and the data survived a fast stop.
        Assert.Equal(1, await SelectOneAsync(database));
    }

    [Fact]
    public async Task DisposeAsync_AnyServer_ItsDatabasesAndFolderAreGone()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var server = await PostgresServer.StartAsync(timeout.Token);
        var database = await server.CreateDatabaseAsync(cancellationToken: timeout.Token);
        var folder = server.DataDirectory is null ? null : Path.GetDirectoryName(server.DataDirectory);

        await server.DisposeAsync();

        // A throwaway server is gone altogether; on an external one the test database was dropped.
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => SelectOneAsync(database));
        if (folder is not null)
        {
            Assert.StartsWith("odtest-pg-", Path.GetFileName(folder), StringComparison.Ordinal);
            Assert.False(Directory.Exists(folder), $"{folder} should have been deleted");
        }
    }

    private static async Task<int> SelectOneAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select 1", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> CurrentDatabaseAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select current_database()", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
