using Orleans.Storage;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Grains.Tests.Storage.GroupCommit;
using OrleansDistribution.Hosting.Storage.GroupCommit;

namespace OrleansDistribution.Grains.Tests.Storage.OrderIndex;

/// <summary>
/// What the order index promises, run against every backend (memory, SQLite, PostgreSQL): written through the real
/// group-commit storage in the transaction of each order write, only for writes that applied, and searched newest
/// first with keyset pages that neither repeat nor skip an order while others are written.
/// </summary>
public abstract class OrderIndexStoreContract
{
    private const string StateName = "order";

    // Whole milliseconds: the embedded store keeps creation times in Unix milliseconds.
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_000_000);

    /// <summary>A new, not yet started store of the backend under test for a service of its own.</summary>
    protected abstract Task<IGrainStateStore> CreateStoreAsync(string serviceId);

    [Fact]
    public async Task Write_Order_FoundByEachBusinessKeyOnceTheWriteReturns()
    {
        await using var harness = await StartAsync();
        var index = new GrainStateOrderIndex(harness.Store);
        await WriteAsync(harness, "ord-a1", Order("partner-a", "PO-1", "C-1", OrderStatus.Accepted, 1, 25.50m));
        await WriteAsync(harness, "ord-a2", Order("partner-a", "PO-2", "C-2", OrderStatus.OnHold, 2));
        await WriteAsync(harness, "ord-b1", Order("partner-b", "PO-1", "C-1", OrderStatus.Accepted, 3));

        var byRef = await index.SearchAsync(new OrderSearch { PartnerId = "partner-a", ChannelOrderRef = "PO-1" }, CancellationToken.None);
        var byCustomer = await index.SearchAsync(new OrderSearch { PartnerId = "partner-a", CustomerId = "C-2" }, CancellationToken.None);
        var byStatus = await index.SearchAsync(new OrderSearch { PartnerId = "partner-a", Status = OrderStatus.Accepted }, CancellationToken.None);
        var refAcrossPartners = await index.SearchAsync(new OrderSearch { ChannelOrderRef = "PO-1" }, CancellationToken.None);
        var partnerB = await index.SearchAsync(new OrderSearch { PartnerId = "partner-b" }, CancellationToken.None);

        var found = Assert.Single(byRef);
        Assert.Equal(new OrderSummary("ord-a1", "partner-a", "PO-1", "C-1", OrderStatus.Accepted, At(1), 25.50m, "USD"), found);
        Assert.Equal(["ord-a2"], byCustomer.Select(o => o.OrderId));
        Assert.Equal(["ord-a1"], byStatus.Select(o => o.OrderId));
        Assert.Equal(["ord-b1", "ord-a1"], refAcrossPartners.Select(o => o.OrderId));
        Assert.Equal(["ord-b1"], partnerB.Select(o => o.OrderId));
    }

    [Fact]
    public async Task Write_StatusChanges_IndexHasTheLastCommittedWrite()
    {
        await using var harness = await StartAsync();
        var index = new GrainStateOrderIndex(harness.Store);
        var order = Order("partner-a", "PO-7", "C-1", OrderStatus.Accepted, 1);
        var written = await WriteAsync(harness, "ord-7", order);

        order.Status = OrderStatus.Shipped;
        await WriteAsync(harness, "ord-7", order, written.ETag);

        Assert.Empty(await index.SearchAsync(new OrderSearch { Status = OrderStatus.Accepted }, CancellationToken.None));
        Assert.Equal(OrderStatus.Shipped, Assert.Single(await index.SearchAsync(new OrderSearch { ChannelOrderRef = "PO-7" }, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task CountByStatus_CountsEachOrderOnceInItsLastCommittedStatus_OfThisServiceOnly()
    {
        await using var harness = await StartAsync();
        await using var otherService = await StartAsync();
        var index = new GrainStateOrderIndex(harness.Store);
        var moved = Order("partner-a", "PO-1", "C-1", OrderStatus.Accepted, 1);
        var written = await WriteAsync(harness, "ord-1", moved);
        await WriteAsync(harness, "ord-2", Order("partner-a", "PO-2", "C-1", OrderStatus.Accepted, 2));
        await WriteAsync(harness, "ord-3", Order("partner-b", "PO-3", "C-1", OrderStatus.OnHold, 3));
        moved.Status = OrderStatus.Shipped;
        await WriteAsync(harness, "ord-1", moved, written.ETag);
        await WriteAsync(otherService, "ord-x", Order("partner-a", "PO-X", "C-1", OrderStatus.Accepted, 4));

        var counts = await index.CountByStatusAsync(CancellationToken.None);

        Assert.Equal(new Dictionary<OrderStatus, long> { [OrderStatus.Accepted] = 1, [OrderStatus.OnHold] = 1, [OrderStatus.Shipped] = 1 }, counts);
    }

    [Fact]
    public async Task Write_ThatDoesNotApply_LeavesTheIndexAsCommitted()
    {
        await using var harness = await StartAsync();
        var index = new GrainStateOrderIndex(harness.Store);
        await WriteAsync(harness, "ord-1", Order("partner-a", "PO-1", "C-1", OrderStatus.Accepted, 1));
        var current = await WriteAsync(harness, "ord-2", Order("partner-a", "PO-2", "C-1", OrderStatus.Accepted, 2));
        await WriteAsync(harness, "ord-2", Order("partner-a", "PO-2", "C-1", OrderStatus.ErpCommitted, 2), current.ETag);

        // In one batch: a second activation inserting over an existing row, a stale ETag, and a write that applies.
        var gate = harness.Store.HoldNextWrite();
        var blocker = WriteAsync(harness, "ord-blocker", Order("partner-a", "PO-B", "C-9", OrderStatus.Accepted, 9));
        await gate.Arrived;
        var blindInsert = WriteAsync(harness, "ord-1", Order("partner-a", "PO-LOST", "C-1", OrderStatus.Cancelled, 1));
        var stale = WriteAsync(harness, "ord-2", Order("partner-a", "PO-2", "C-1", OrderStatus.Cancelled, 2), current.ETag);
        var applies = WriteAsync(harness, "ord-3", Order("partner-a", "PO-3", "C-1", OrderStatus.Accepted, 3));
        gate.Release();
        await blocker;

        await Assert.ThrowsAsync<InconsistentStateException>(() => blindInsert);
        await Assert.ThrowsAsync<InconsistentStateException>(() => stale);
        await applies;
        var all = await index.SearchAsync(new OrderSearch { PartnerId = "partner-a" }, CancellationToken.None);
        Assert.Equal(["ord-blocker", "ord-3", "ord-2", "ord-1"], all.Select(o => o.OrderId));
        Assert.Equal(["PO-B", "PO-3", "PO-2", "PO-1"], all.Select(o => o.ChannelOrderRef));
        Assert.Equal([OrderStatus.Accepted, OrderStatus.Accepted, OrderStatus.ErpCommitted, OrderStatus.Accepted], all.Select(o => o.Status));
    }

    [Fact]
    public async Task Write_StateThatIsNoOrder_NotIndexed()
    {
        await using var harness = await StartAsync();
        var index = new GrainStateOrderIndex(harness.Store);

        await harness.WriteAsync(StorageHarness.NewGrain("not-an-order"), "scheduled state", wakeAt: At(5));

        Assert.Empty(await index.SearchAsync(new OrderSearch(), CancellationToken.None));
    }

    [Fact]
    public async Task Search_KeysetPagesWhileOrdersAreWritten_EveryOrderOnceNewestFirst()
    {
        await using var harness = await StartAsync();
        var index = new GrainStateOrderIndex(harness.Store);

        // 23 orders, some created in the same millisecond (the order ID breaks the tie).
        var existing = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            var orderId = $"ord-{i:D3}";
            existing.Add(orderId);
            await WriteAsync(harness, orderId, Order("partner-a", $"PO-{i}", "C-1", OrderStatus.Accepted, i / 3));
        }

        var seen = new List<OrderSummary>();
        OrderSearchKey? after = null;
        var pages = 0;
        do
        {
            var page = await index.SearchAsync(new OrderSearch { PartnerId = "partner-a", After = after, Limit = 5 }, CancellationToken.None);
            seen.AddRange(page);
            after = page.Count == 5 ? page[^1].Key : null;

            // Newer orders arrive between pages; they sort before the pages already read and must not disturb the rest.
            await WriteAsync(harness, $"ord-new-{pages++}", Order("partner-a", "PO-NEW", "C-1", OrderStatus.Accepted, 100 + pages));
        }
        while (after is not null);

        Assert.Equal(existing.AsEnumerable().Reverse(), seen.Select(o => o.OrderId));
        Assert.Equal(seen.Count, seen.Select(o => o.OrderId).Distinct().Count());
        Assert.True(pages >= 5, $"{pages} pages");
    }

    [Fact]
    public async Task Search_CreatedRange_FromInclusiveToExclusive()
    {
        await using var harness = await StartAsync();
        var index = new GrainStateOrderIndex(harness.Store);
        for (var i = 0; i < 5; i++)
        {
            await WriteAsync(harness, $"ord-{i}", Order("partner-a", $"PO-{i}", "C-1", OrderStatus.Accepted, i));
        }

        var found = await index.SearchAsync(new OrderSearch { PartnerId = "partner-a", CreatedFrom = At(1), CreatedTo = At(3) }, CancellationToken.None);

        Assert.Equal(["ord-2", "ord-1"], found.Select(o => o.OrderId));
    }

    protected static IndexedTestOrder Order(string partnerId, string channelOrderRef, string customerId, OrderStatus status, int second, decimal total = 10m) =>
        new() { PartnerId = partnerId, ChannelOrderRef = channelOrderRef, CustomerId = customerId, Status = status, CreatedAt = At(second), Total = total };

    private static DateTimeOffset At(int second) => Start + TimeSpan.FromSeconds(second);

    protected static async Task<GrainState<IndexedTestOrder>> WriteAsync(StorageHarness harness, string orderId, IndexedTestOrder order, string? etag = null)
    {
        var state = new GrainState<IndexedTestOrder>(order, etag);
        await harness.Storage.WriteStateAsync(StateName, GrainId.Create("order", orderId), state);
        return state;
    }

    private async Task<StorageHarness> StartAsync() => await StorageHarness.StartAsync(await CreateStoreAsync($"svc-{Guid.NewGuid():N}"));
}
