using Orleans.Storage;
using OrleansDistribution.Abstractions.Events;
using OrleansDistribution.Grains.Feed;
using OrleansDistribution.Hosting.Storage.GroupCommit;

namespace OrleansDistribution.Grains.Tests.Storage.GroupCommit;

/// <summary>
/// What the group-commit grain storage promises, run against every backend (memory, SQLite, PostgreSQL). Batching is
/// made observable without timing: a <see cref="GatedStore"/> holds one batch while the test queues more operations,
/// which then must travel together in the next one.
/// </summary>
public abstract class GrainStateStoreContract
{
    private const string RowsWritten = GroupCommitMetrics.RowsWrittenName;
    private const string Transactions = GroupCommitMetrics.TransactionsName;

    /// <summary>A new, not yet started store of the backend under test for a service of its own.</summary>
    protected abstract Task<IGrainStateStore> CreateStoreAsync(string serviceId);

    [Fact]
    public async Task Write_NewRowThenRead_ReturnsStateWithVersionETag()
    {
        await using var harness = await StartAsync();
        var grain = StorageHarness.NewGrain();

        var first = await harness.WriteAsync(grain, "v1");
        var second = await harness.WriteAsync(grain, "v2", first.ETag);
        var read = await harness.ReadAsync(grain);

        Assert.Equal("1", first.ETag);
        Assert.True(first.RecordExists);
        Assert.Equal("2", second.ETag);
        Assert.Equal("v2", read.State!.Text);
        Assert.Equal("2", read.ETag);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task Read_NoRow_NewStateWithoutETag()
    {
        await using var harness = await StartAsync();

        var read = await harness.ReadAsync(StorageHarness.NewGrain());

        Assert.NotNull(read.State);
        Assert.Equal("", read.State.Text);
        Assert.Null(read.ETag);
        Assert.False(read.RecordExists);
        Assert.Equal(0, harness.Metrics.Sum(GroupCommitMetrics.RowsReadName));
    }

    [Fact]
    public async Task Write_PayloadBytes_SameAsOrleansGrainStorageSerializer()
    {
        await using var harness = await StartAsync();
        var state = new ScheduledTestState { Text = "bytes", WakeAt = At(5), ExpiresAt = At(60) };

        await harness.WriteAsync(StorageHarness.NewGrain(), new Orleans.GrainState<ScheduledTestState>(state));

        var expected = new OrleansGrainStorageSerializer(harness.Serializer).Serialize(state).ToArray();
        Assert.Equal(expected, Assert.Single(harness.Store.Payloads));
    }

    [Fact]
    public async Task Write_ConcurrentFromManyGrains_OneTransactionCarriesThemAll()
    {
        await using var harness = await StartAsync();
        var gate = harness.Store.HoldNextWrite();
        var first = harness.WriteAsync(StorageHarness.NewGrain(), "first");
        await gate.Arrived;

        // While the first batch is in the database, 100 grains write: they queue and must leave together.
        var grains = Enumerable.Range(0, 100).Select(_ => StorageHarness.NewGrain()).ToList();
        var writes = grains.Select(grain => harness.WriteAsync(grain, "queued")).ToList();
        gate.Release();
        await first;
        var states = await Task.WhenAll(writes);

        Assert.All(states, state => Assert.Equal("1", state.ETag));
        Assert.Equal([1, 100], harness.Store.WriteBatches);
        Assert.Equal(2, harness.Metrics.Sum(Transactions, "operation=write"));
        Assert.Equal(101, harness.Metrics.Sum(RowsWritten, $"state={StorageHarness.StateName}"));
        Assert.Equal([1, 100], harness.Metrics.Values(GroupCommitMetrics.BatchSizeName, "operation=write"));
        foreach (var grain in grains.Take(5))
        {
            Assert.Equal("queued", (await harness.ReadAsync(grain)).State!.Text);
        }
    }

    [Fact]
    public async Task Write_StaleETagInBatch_FailsOnlyThatCaller()
    {
        await using var harness = await StartAsync();
        var stale = StorageHarness.NewGrain();
        var current = StorageHarness.NewGrain();
        var staleState = await harness.WriteAsync(stale, "stale-v1");
        var currentState = await harness.WriteAsync(current, "current-v1");
        await harness.WriteAsync(stale, "stale-v2", staleState.ETag);

        var gate = harness.Store.HoldNextWrite();
        var blocker = harness.WriteAsync(StorageHarness.NewGrain(), "blocker");
        await gate.Arrived;
        var staleWrite = harness.WriteAsync(stale, "lost update", "1");
        var currentWrite = harness.WriteAsync(current, "current-v2", currentState.ETag);
        var newWrite = harness.WriteAsync(StorageHarness.NewGrain(), "new");
        gate.Release();
        await blocker;

        await Assert.ThrowsAsync<InconsistentStateException>(() => staleWrite);
        Assert.Equal("2", (await currentWrite).ETag);
        Assert.Equal("1", (await newWrite).ETag);
        Assert.Equal(3, harness.Store.WriteBatches[^1]);
        var storedStale = await harness.ReadAsync(stale);
        Assert.Equal("stale-v2", storedStale.State!.Text);
        Assert.Equal("2", storedStale.ETag);
    }

    [Fact]
    public async Task Write_InsertWhereRowExists_Conflict()
    {
        await using var harness = await StartAsync();
        var grain = StorageHarness.NewGrain();
        await harness.WriteAsync(grain, "first activation");

        // A second activation that never saw the row (null ETag) must not overwrite it.
        await Assert.ThrowsAsync<InconsistentStateException>(() => harness.WriteAsync(grain, "second activation"));

        Assert.Equal("first activation", (await harness.ReadAsync(grain)).State!.Text);
    }

    [Fact]
    public async Task Write_SameRowTwiceWhileQueued_SecondGoesInNextBatchAndConflicts()
    {
        await using var harness = await StartAsync();
        var grain = StorageHarness.NewGrain();
        var v1 = await harness.WriteAsync(grain, "v1");

        var gate = harness.Store.HoldNextWrite();
        var blocker = harness.WriteAsync(StorageHarness.NewGrain(), "blocker");
        await gate.Arrived;
        var firstUpdate = harness.WriteAsync(grain, "update A", v1.ETag);
        var secondUpdate = harness.WriteAsync(grain, "update B", v1.ETag);
        var other = harness.WriteAsync(StorageHarness.NewGrain(), "other");
        gate.Release();
        await blocker;

        Assert.Equal("2", (await firstUpdate).ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => secondUpdate);
        await other;
        Assert.Equal([1, 1, 2, 1], harness.Store.WriteBatches);
        Assert.Equal("update A", (await harness.ReadAsync(grain)).State!.Text);
    }

    [Fact]
    public async Task Write_BatchFails_EveryCallerFailsAndNoneIsWritten()
    {
        await using var harness = await StartAsync();
        var gate = harness.Store.HoldNextWrite();
        var blocker = harness.WriteAsync(StorageHarness.NewGrain(), "blocker");
        await gate.Arrived;
        var grains = Enumerable.Range(0, 20).Select(_ => StorageHarness.NewGrain()).ToList();
        var writes = grains.Select(grain => harness.WriteAsync(grain, "never acknowledged")).ToList();
        harness.Store.WriteFailure = new IOException("disk on fire");
        gate.Release();

        await Assert.ThrowsAsync<GrainStorageUnavailableException>(() => blocker);
        foreach (var write in writes)
        {
            var failure = await Assert.ThrowsAsync<GrainStorageUnavailableException>(() => write);
            Assert.IsType<IOException>(failure.InnerException);
        }

        Assert.Equal([1, 20], harness.Store.WriteBatches);
        Assert.Equal(0, harness.Metrics.Sum(RowsWritten, $"state={StorageHarness.StateName}"));
        harness.Store.WriteFailure = null;
        foreach (var grain in grains)
        {
            Assert.False((await harness.ReadAsync(grain)).RecordExists);
        }

        // The storage is not broken by a failed batch: the same write succeeds afterwards.
        Assert.Equal("1", (await harness.WriteAsync(grains[0], "retried")).ETag);
    }

    [Fact]
    public async Task Clear_ThenRead_NoRecordButVersionKeepsRising()
    {
        await using var harness = await StartAsync();
        var grain = StorageHarness.NewGrain();
        var written = await harness.WriteAsync(grain, "v1", wakeAt: At(-60));

        await harness.Storage.ClearStateAsync(StorageHarness.StateName, grain, written);
        var read = await harness.ReadAsync(grain);
        var rewritten = await harness.WriteAsync(grain, "v3", read.ETag);

        Assert.Equal("2", written.ETag);
        Assert.False(written.RecordExists);
        Assert.False(read.RecordExists);
        Assert.Equal("2", read.ETag);
        Assert.Equal("3", rewritten.ETag);
        Assert.Equal(1, harness.Metrics.Sum(Transactions, "operation=delete"));
    }

    [Fact]
    public async Task Clear_NeverSeenRow_ReadsFirstAndClearsWhatIsStored()
    {
        await using var harness = await StartAsync();
        var grain = StorageHarness.NewGrain();
        await harness.WriteAsync(grain, "v1");

        var blind = new Orleans.GrainState<ScheduledTestState>();
        await harness.Storage.ClearStateAsync(StorageHarness.StateName, grain, blind);

        Assert.Equal("2", blind.ETag);
        Assert.False((await harness.ReadAsync(grain)).RecordExists);
    }

    [Fact]
    public async Task Read_ConcurrentFromManyGrains_OneQueryCarriesThemAll()
    {
        await using var harness = await StartAsync();
        var existing = StorageHarness.NewGrain();
        await harness.WriteAsync(existing, "there");
        var gate = harness.Store.HoldNextRead();
        var first = harness.ReadAsync(StorageHarness.NewGrain());
        await gate.Arrived;

        var reads = Enumerable.Range(0, 49).Select(_ => harness.ReadAsync(StorageHarness.NewGrain())).Append(harness.ReadAsync(existing)).ToList();
        gate.Release();
        await first;
        var states = await Task.WhenAll(reads);

        Assert.Equal([1, 50], harness.Store.ReadBatches);
        Assert.Equal(2, harness.Metrics.Sum(Transactions, "operation=read"));
        Assert.Equal(1, harness.Metrics.Sum(GroupCommitMetrics.RowsReadName));
        Assert.Equal("there", states[^1].State!.Text);
        Assert.All(states[..^1], state => Assert.False(state.RecordExists));
    }

    [Fact]
    public async Task Due_WakeTimesInRows_DueKeysEarliestFirstAndNoOthers()
    {
        await using var harness = await StartAsync();
        await harness.WriteAsync(StorageHarness.NewGrain("later-due"), "a", wakeAt: At(-60));
        var earliest = await harness.WriteAsync(StorageHarness.NewGrain("earliest-due"), "b", wakeAt: At(-180));
        await harness.WriteAsync(StorageHarness.NewGrain("not-yet"), "c", wakeAt: At(3600));
        await harness.WriteAsync(StorageHarness.NewGrain("nothing-pending"), "d");
        await harness.WriteAsync(StorageHarness.NewGrain("other-state"), "e", wakeAt: At(-300), stateName: "other");

        var due = await harness.Index.DueAsync(StorageHarness.StateName, At(0), 10, CancellationToken.None);
        var first = await harness.Index.DueAsync(StorageHarness.StateName, At(0), 1, CancellationToken.None);
        await harness.WriteAsync(StorageHarness.NewGrain("earliest-due"), "b done", earliest.ETag, wakeAt: null);
        var afterDone = await harness.Index.DueAsync(StorageHarness.StateName, At(0), 10, CancellationToken.None);

        Assert.Equal(["earliest-due", "later-due"], due);
        Assert.Equal(["earliest-due"], first);
        Assert.Equal(["later-due"], afterDone);
    }

    [Fact]
    public async Task ExpirySweep_ExpiredRows_DeletedOthersKept()
    {
        await using var harness = await StartAsync();
        var expired = Enumerable.Range(0, 3).Select(_ => StorageHarness.NewGrain()).ToList();
        foreach (var grain in expired)
        {
            await harness.WriteAsync(grain, "old", expiresAt: At(-60));
        }

        var future = StorageHarness.NewGrain();
        var forever = StorageHarness.NewGrain();
        await harness.WriteAsync(future, "young", expiresAt: At(3600));
        await harness.WriteAsync(forever, "kept");

        // The sweep batch size is 2: three expired rows take two statements.
        var deleted = await harness.Sweeper.SweepOnceAsync(CancellationToken.None);

        Assert.Equal(3, deleted);
        foreach (var grain in expired)
        {
            Assert.False((await harness.ReadAsync(grain)).RecordExists);
        }

        Assert.True((await harness.ReadAsync(future)).RecordExists);
        Assert.True((await harness.ReadAsync(forever)).RecordExists);
        Assert.Equal(0, await harness.Sweeper.SweepOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Write_AfterStop_FailsAsUnavailable()
    {
        await using var harness = await StartAsync();
        await harness.Storage.StopAsync(CancellationToken.None);

        await Assert.ThrowsAsync<GrainStorageUnavailableException>(() => harness.WriteAsync(StorageHarness.NewGrain(), "too late"));
    }

    [Fact]
    public async Task Feed_EventsOfWrites_ReadInWriteOrderPerPartnerAfterAnyCursor()
    {
        await using var harness = await StartAsync();
        var (p1, p2) = ($"p1-{Guid.NewGuid():N}", $"p2-{Guid.NewGuid():N}");
        var a = StorageHarness.NewGrain();
        var b = StorageHarness.NewGrain();

        var first = await harness.WriteWithEventsAsync(a, "a1", null, Event(p1, "a-1"), Event(p1, "a-2"), Event(p2, "a-3"));
        await harness.WriteWithEventsAsync(b, "b1", null, Event(p1, "b-1"));
        await harness.WriteWithEventsAsync(a, "a2", first.ETag, Event(p1, "a-4"));

        var all = await harness.Feed.ReadAsync(p1, FeedCursor.Start, 100, CancellationToken.None);
        Assert.Equal(["a-1", "a-2", "b-1", "a-4"], all.Entries.Select(e => ((OrderStatusChanged)e.Event).Detail));
        Assert.Equal(all.Entries.Select(e => e.Cursor).Order(), all.Entries.Select(e => e.Cursor));
        Assert.Equal(all.Entries.Count, all.Entries.Select(e => e.Cursor).Distinct().Count());
        Assert.False(all.CursorExpired);

        var rest = await harness.Feed.ReadAsync(p1, all.Entries[1].Cursor, 100, CancellationToken.None);
        Assert.Equal(["b-1", "a-4"], rest.Entries.Select(e => ((OrderStatusChanged)e.Event).Detail));
        var page = await harness.Feed.ReadAsync(p1, FeedCursor.Start, 2, CancellationToken.None);
        Assert.Equal(["a-1", "a-2"], page.Entries.Select(e => ((OrderStatusChanged)e.Event).Detail));
        Assert.Equal("a-3", ((OrderStatusChanged)Assert.Single((await harness.Feed.ReadAsync(p2, FeedCursor.Start, 100, CancellationToken.None)).Entries).Event).Detail);

        Assert.Equal(all.Entries[^1].Cursor, await harness.Feed.EndAsync(p1, CancellationToken.None));
        Assert.Equal(FeedCursor.Start, await harness.Feed.EndAsync($"nobody-{Guid.NewGuid():N}", CancellationToken.None));
        Assert.Empty((await harness.Feed.ReadAsync(p1, all.Entries[^1].Cursor, 100, CancellationToken.None)).Entries);
    }

    [Fact]
    public async Task Feed_ManyWritesInOneBatch_EachEventHasItsOwnPositionInBatchOrder()
    {
        await using var harness = await StartAsync();
        var (p1, p2) = ($"p1-{Guid.NewGuid():N}", $"p2-{Guid.NewGuid():N}");
        var gate = harness.Store.HoldNextWrite();
        var held = harness.WriteWithEventsAsync(StorageHarness.NewGrain(), "held", null, Event(p1, "held"));
        await gate.Arrived;

        // Queued behind the held batch, so they leave as one: one transaction, three writes, two partners.
        var queued = new[]
        {
            harness.WriteWithEventsAsync(StorageHarness.NewGrain(), "x", null, Event(p1, "x-1"), Event(p2, "x-2"), Event(p1, "x-3")),
            harness.WriteWithEventsAsync(StorageHarness.NewGrain(), "y", null, Event(p1, "y-1")),
            harness.WriteWithEventsAsync(StorageHarness.NewGrain(), "z", null, Event(p2, "z-1"), Event(p1, "z-2")),
        };
        gate.Release();
        await held;
        await Task.WhenAll(queued);
        Assert.Equal([1, 3], harness.Store.WriteBatches);

        var all = await harness.Feed.ReadAsync(p1, FeedCursor.Start, 100, CancellationToken.None);
        Assert.Equal(["held", "x-1", "x-3", "y-1", "z-2"], all.Entries.Select(e => ((OrderStatusChanged)e.Event).Detail));
        Assert.Equal(all.Entries.Select(e => e.Cursor).Order(), all.Entries.Select(e => e.Cursor));
        Assert.Equal(all.Entries.Count, all.Entries.Select(e => e.Cursor).Distinct().Count());
        Assert.Equal(["x-2", "z-1"], (await harness.Feed.ReadAsync(p2, FeedCursor.Start, 100, CancellationToken.None)).Entries.Select(e => ((OrderStatusChanged)e.Event).Detail));

        // A cursor inside the batch goes on after exactly that event; a page may end inside the batch too.
        var afterX3 = await harness.Feed.ReadAsync(p1, all.Entries[2].Cursor, 100, CancellationToken.None);
        Assert.Equal(["y-1", "z-2"], afterX3.Entries.Select(e => ((OrderStatusChanged)e.Event).Detail));
        var page = await harness.Feed.ReadAsync(p1, all.Entries[0].Cursor, 2, CancellationToken.None);
        Assert.Equal(["x-1", "x-3"], page.Entries.Select(e => ((OrderStatusChanged)e.Event).Detail));
        Assert.Equal(all.Entries[^1].Cursor, await harness.Feed.EndAsync(p1, CancellationToken.None));
        Assert.Empty((await harness.Feed.ReadAsync(p1, all.Entries[^1].Cursor, 100, CancellationToken.None)).Entries);
    }

    [Fact]
    public async Task Feed_WriteThatConflictsOrABatchThatFails_AppendsNothing()
    {
        await using var harness = await StartAsync();
        var partner = $"p-{Guid.NewGuid():N}";
        var grain = StorageHarness.NewGrain();
        await harness.WriteWithEventsAsync(grain, "v1", null, Event(partner, "kept"));

        await Assert.ThrowsAnyAsync<Exception>(() => harness.WriteWithEventsAsync(grain, "stale", "7", Event(partner, "stale write")));
        harness.Store.WriteFailure = new IOException("disk on fire");
        await Assert.ThrowsAsync<GrainStorageUnavailableException>(() => harness.WriteWithEventsAsync(StorageHarness.NewGrain(), "failed", null, Event(partner, "failed batch")));
        harness.Store.WriteFailure = null;

        var feed = await harness.Feed.ReadAsync(partner, FeedCursor.Start, 100, CancellationToken.None);
        Assert.Equal(["kept"], feed.Entries.Select(e => ((OrderStatusChanged)e.Event).Detail));
    }

    [Fact]
    public async Task Feed_RetentionSweep_DeletesOldEventsAndExpiresCursorsBeforeThem()
    {
        await using var harness = await StartAsync();
        var partner = $"p-{Guid.NewGuid():N}";
        var old = DateTimeOffset.UtcNow - TimeSpan.FromDays(8);
        await harness.WriteWithEventsAsync(StorageHarness.NewGrain(), "old", null,
            Event(partner, "old-1", old), Event(partner, "old-2", old), Event(partner, "old-3", old));
        await harness.WriteWithEventsAsync(StorageHarness.NewGrain(), "new", null, Event(partner, "new-1"));
        var before = await harness.Feed.ReadAsync(partner, FeedCursor.Start, 100, CancellationToken.None);

        await harness.Sweeper.SweepOnceAsync(CancellationToken.None);

        var after = await harness.Feed.ReadAsync(partner, FeedCursor.Start, 100, CancellationToken.None);
        Assert.Equal(["new-1"], after.Entries.Select(e => ((OrderStatusChanged)e.Event).Detail));
        Assert.Equal(before.Entries[^1].Cursor, after.Entries[0].Cursor);

        // A reader that had seen only the first old event missed two for good; one that had seen them all missed nothing.
        var behind = await harness.Feed.ReadAsync(partner, before.Entries[0].Cursor, 100, CancellationToken.None);
        Assert.True(behind.CursorExpired);
        Assert.Empty(behind.Entries);
        Assert.Equal(TimeSpan.FromDays(7), behind.Retention);
        var caughtUp = await harness.Feed.ReadAsync(partner, before.Entries[2].Cursor, 100, CancellationToken.None);
        Assert.False(caughtUp.CursorExpired);
        Assert.Equal(["new-1"], caughtUp.Entries.Select(e => ((OrderStatusChanged)e.Event).Detail));
    }

    /// <summary>An order status event for a partner's feed, told apart by its detail.</summary>
    protected static PartnerFeedAppend Event(string partnerId, string detail, DateTimeOffset? at = null) => new(partnerId, new OrderStatusChanged
    {
        EventId = Guid.CreateVersion7().ToString("N"),
        At = at ?? DateTimeOffset.UtcNow,
        CorrelationId = "feed-test",
        OrderId = "o-1",
        PartnerId = partnerId,
        Status = OrleansDistribution.Abstractions.Orders.OrderStatus.Accepted,
        Detail = detail,
    });

    /// <summary>A time relative to now, in seconds; storage keeps millisecond precision at least.</summary>
    protected static DateTimeOffset At(int secondsFromNow) =>
        DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) + TimeSpan.FromSeconds(secondsFromNow);

    private async Task<StorageHarness> StartAsync() => await StorageHarness.StartAsync(await CreateStoreAsync($"svc-{Guid.NewGuid():N}"));
}
