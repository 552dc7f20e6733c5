using Npgsql;
using OrleansDistribution.Grains.Tests.Fixtures;
using OrleansDistribution.Hosting.Storage;
using OrleansDistribution.Hosting.Storage.GroupCommit;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Grains.Tests.Storage.GroupCommit;

/// <summary>
/// A fresh database: the store's prepared statements get their generic plan while the table is empty. Planned on those
/// statistics, an update or read hashes every row of the service; the store's own ANALYZE as the table grows must bring
/// it back to key lookups, so a batch touches about as many rows as it carries, whatever size the table grew to.
/// </summary>
[Collection(typeof(PostgresCollection))]
public sealed class PostgresPlanStabilityTests(PostgresFixture postgres)
{
    private const int Rows = 20_000;
    private const int BatchSize = 20;

    [Fact]
    public async Task AFreshTableThatGrows_KeepsBatchesOnKeyLookups()
    {
        var connectionString = await postgres.CreateDatabaseAsync("plans");
        await new SqlMigrationRunner(SqlMigrationProvider.Postgres, connectionString).ApplyAsync();
        var keys = Enumerable.Range(0, Rows).Select(i => new StateRowKey("order", $"order-{i:D6}")).ToList();

        // Every connection of the pool prepares and caches its plans while the table is still (nearly) empty.
        await using (var store = new PostgresGrainStateStore(connectionString, "svc"))
        {
            await store.StartAsync(CancellationToken.None);
            foreach (var chunk in keys.Chunk(BatchSize))
            {
                await store.WriteAsync([.. chunk.Select(key => new StateWrite(key, null, [1], null, null))], CancellationToken.None);
            }

            await store.LastAnalyze;
            var before = await TuplesTouchedAsync(connectionString);

            // Now updates and reads of rows spread over the whole table, on the same pooled connections and their plans.
            var random = new Random(7);
            var touched = 0;
            for (var batch = 0; batch < 100; batch++)
            {
                var sample = Enumerable.Range(0, BatchSize).Select(_ => keys[random.Next(Rows)]).Distinct().ToList();
                var reads = sample.Select(key => new StateRead(key)).ToList();
                await store.ReadAsync(reads, CancellationToken.None);
                var writes = reads.Select(read => new StateWrite(read.Key, read.Version, [2], null, null)).ToList();
                await store.WriteAsync(writes, CancellationToken.None);
                Assert.All(writes, write => Assert.True(write.CommittedVersion > 1));
                touched += 2 * sample.Count;
            }

            // Closing the pool ends the backends, which flushes their statistics.
            NpgsqlConnection.ClearAllPools();
            await store.DisposeAsync();
            var after = await TuplesTouchedAsync(connectionString);

            // Key lookups touch a row or two per row asked for; a plan that hashes the table touches ~20,000 per batch.
            var perRow = (after - before) / (double)touched;
            Assert.InRange(perRow, 0, 10);
        }
    }

    private static async Task<long> TuplesTouchedAsync(string connectionString)
    {
        // Statistics arrive asynchronously from the backends that ran the statements.
        await Task.Delay(TimeSpan.FromSeconds(1));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) FROM pg_stat_user_tables WHERE relname = 'distribution_grain_state'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
