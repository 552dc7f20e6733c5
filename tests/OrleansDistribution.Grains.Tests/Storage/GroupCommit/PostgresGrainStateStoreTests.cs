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
[Collection(PostgresFixture.CollectionName)]
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
            "INSERT INTO distribution_partner_feed (service_id, partner_id, event_id, event_type, occurred_at, payload) VALUES ($1, $2, 'open', 'OrderStatusChanged', now(), $3)",
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

    private static IEnumerable<string> Details(FeedPage page) => page.Entries.Select(entry => ((OrderStatusChanged)entry.Event).Detail);
}
