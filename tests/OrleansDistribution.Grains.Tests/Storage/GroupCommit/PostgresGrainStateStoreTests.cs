using Npgsql;
using Orleans.Serialization;
using OrleansDistribution.Abstractions.Events;
using OrleansDistribution.Grains.Feed;
using OrleansDistribution.Grains.Tests.Fixtures;
using OrleansDistribution.Hosting.Storage;
using OrleansDistribution.Hosting.Storage.GroupCommit;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Grains.Tests.Storage.GroupCommit;

/// <summary>The storage contract on PostgreSQL: a throwaway server, a migrated database per test.</summary>
[Collection(typeof(PostgresCollection))]
public sealed class PostgresGrainStateStoreTests(PostgresFixture postgres) : GrainStateStoreContract, IAsyncLifetime
{
    private string? _connectionString;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync("grainstate");
        await new SqlMigrationRunner(SqlMigrationProvider.Postgres, _connectionString).ApplyAsync();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    protected override Task<IGrainStateStore> CreateStoreAsync(string serviceId) =>
        Task.FromResult<IGrainStateStore>(new PostgresGrainStateStore(_connectionString!, serviceId));

    [Fact]
    public async Task Feed_TransactionStillOpenWithAnEarlierEvent_ReadersStopBeforeItAndMissNothingAfterItCommits()
    {
        // Concurrent transactions take row ids in another order than they commit. An open transaction holding an
        // event (it took its transaction id first) must keep readers from going past it: otherwise a reader's cursor
        // would move beyond a position the open transaction then commits, and that event would be skipped for good.
        var serviceId = $"svc-{Guid.NewGuid():N}";
        var partner = $"p-{Guid.NewGuid():N}";
        await using var harness = await StorageHarness.StartAsync(new PostgresGrainStateStore(_connectionString!, serviceId));
        await harness.WriteWithEventsAsync(StorageHarness.NewGrain(), "first", null, Event(partner, "committed first"));

        await using var open = new NpgsqlConnection(_connectionString);
        await open.OpenAsync();
        await using var transaction = await open.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO distribution_partner_feed (service_id, partner_id, row_id, occurred_at, payloads) VALUES ($1, $2, 1, now(), ARRAY[$3])",
            open, transaction))
        {
            insert.Parameters.AddWithValue(serviceId);
            insert.Parameters.AddWithValue(partner);
            insert.Parameters.AddWithValue(harness.Serializer.SerializeToArray<DistributionEvent>(Event(partner, "open transaction").Event));
            await insert.ExecuteNonQueryAsync();
        }

        await harness.WriteWithEventsAsync(StorageHarness.NewGrain(), "later", null, Event(partner, "committed while the other is open"));

        var whileOpen = await harness.Feed.ReadAsync(partner, FeedCursor.Start, 100, CancellationToken.None);
        Assert.Equal(["committed first"], Details(whileOpen));
        Assert.Equal(whileOpen.Entries[0].Cursor, await harness.Feed.EndAsync(partner, CancellationToken.None));

        await transaction.CommitAsync();
        var afterCommit = await harness.Feed.ReadAsync(partner, whileOpen.Entries[0].Cursor, 100, CancellationToken.None);
        Assert.Equal(["open transaction", "committed while the other is open"], Details(afterCommit));
    }

    [Fact]
    public async Task Feed_OneBatch_AppendsOneRowPerPartnerHoldingItsEventsInOrder()
    {
        var serviceId = $"svc-{Guid.NewGuid():N}";
        var (p1, p2) = ($"p1-{Guid.NewGuid():N}", $"p2-{Guid.NewGuid():N}");
        await using var harness = await StorageHarness.StartAsync(new PostgresGrainStateStore(_connectionString!, serviceId));
        var gate = harness.Store.HoldNextWrite();
        var held = harness.WriteWithEventsAsync(StorageHarness.NewGrain(), "held", null, Event(p1, "held"));
        await gate.Arrived;
        var queued = new[]
        {
            harness.WriteWithEventsAsync(StorageHarness.NewGrain(), "x", null, Event(p1, "x-1"), Event(p2, "x-2"), Event(p1, "x-3")),
            harness.WriteWithEventsAsync(StorageHarness.NewGrain(), "y", null, Event(p1, "y-1")),
        };
        gate.Release();
        await held;
        await Task.WhenAll(queued);

        // Rows, not events: the held batch's one, then one per partner for the batch of two writes.
        var rows = new List<(string Partner, long RowId, int Events)>();
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync();
            await using var select = new NpgsqlCommand(
                "SELECT partner_id, row_id, cardinality(payloads) FROM distribution_partner_feed WHERE service_id = $1 ORDER BY tx_id, partner_id = $2 DESC", connection);
            select.Parameters.AddWithValue(serviceId);
            select.Parameters.AddWithValue(p1);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2)));
            }
        }

        Assert.Equal([(p1, 1L, 1), (p1, 1L, 3), (p2, 1L, 1)], rows);
        var feed = await harness.Feed.ReadAsync(p1, FeedCursor.Start, 100, CancellationToken.None);
        Assert.Equal(["held", "x-1", "x-3", "y-1"], Details(feed));
    }

    [Fact]
    public async Task Migration0007_EventsStoredOnePerRow_KeepTheirOrderAndCursors()
    {
        var connectionString = await postgres.CreateDatabaseAsync("feedrows");
        var runner = new SqlMigrationRunner(SqlMigrationProvider.Postgres, connectionString);
        await runner.ApplyAsync();
        var serviceId = $"svc-{Guid.NewGuid():N}";
        var partner = $"p-{Guid.NewGuid():N}";
        await using var harness = await StorageHarness.StartAsync(new PostgresGrainStateStore(connectionString, serviceId));

        // The feed as 0005 left it: one row per event, two of them from one transaction.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var reset = new NpgsqlCommand(
            "DROP TABLE distribution_partner_feed, distribution_partner_feed_trim; DELETE FROM distribution_schema_migrations WHERE version = '0007';" +
            EmbeddedMigration("0005_partner_feed.sql"), connection))
        {
            await reset.ExecuteNonQueryAsync();
        }

        var positions = new List<UInt128>();
        foreach (var transaction in new[] { new[] { "old-1", "old-2" }, ["old-3"] })
        {
            await using var batch = new NpgsqlBatch(connection);
            foreach (var detail in transaction)
            {
                var insert = new NpgsqlBatchCommand(
                    "INSERT INTO distribution_partner_feed (service_id, partner_id, event_id, event_type, occurred_at, payload) VALUES ($1, $2, $3, 'OrderStatusChanged', now(), $4) RETURNING tx_id::text::numeric, row_id");
                var feedEvent = Event(partner, detail).Event;
                insert.Parameters.Add(new NpgsqlParameter { Value = serviceId });
                insert.Parameters.Add(new NpgsqlParameter { Value = partner });
                insert.Parameters.Add(new NpgsqlParameter { Value = feedEvent.EventId });
                insert.Parameters.Add(new NpgsqlParameter { Value = harness.Serializer.SerializeToArray<DistributionEvent>(feedEvent) });
                batch.BatchCommands.Add(insert);
            }

            await using var reader = await batch.ExecuteReaderAsync();
            do
            {
                while (await reader.ReadAsync())
                {
                    positions.Add((UInt128)reader.GetDecimal(0) * 1_000_000_000_000 + (UInt128)reader.GetInt64(1));
                }
            }
            while (await reader.NextResultAsync());
        }

        Assert.Equal(["0007_partner_feed_rows_per_transaction"], await runner.ApplyAsync());
        await harness.WriteWithEventsAsync(StorageHarness.NewGrain(), "new", null, Event(partner, "new-1"), Event(partner, "new-2"));

        var feed = await harness.Feed.ReadAsync(partner, FeedCursor.Start, 100, CancellationToken.None);
        Assert.Equal(["old-1", "old-2", "old-3", "new-1", "new-2"], Details(feed));
        Assert.Equal(positions, feed.Entries.Take(3).Select(entry => entry.Cursor.Value));
        var afterFirst = await harness.Feed.ReadAsync(partner, feed.Entries[0].Cursor, 100, CancellationToken.None);
        Assert.Equal(["old-2", "old-3", "new-1", "new-2"], Details(afterFirst));
    }

    private static string EmbeddedMigration(string file)
    {
        using var stream = typeof(PostgresGrainStateStore).Assembly.GetManifestResourceStream($"OrleansDistribution.Hosting.Storage.Migrations.Postgres.{file}")
            ?? throw new InvalidOperationException($"no embedded migration {file}");
        using var text = new StreamReader(stream);
        return text.ReadToEnd();
    }

    private static IEnumerable<string> Details(FeedPage page) => page.Entries.Select(entry => ((OrderStatusChanged)entry.Event).Detail);
}
