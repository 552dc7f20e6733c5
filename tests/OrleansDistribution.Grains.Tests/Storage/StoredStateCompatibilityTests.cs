using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Domain.Orders.Workflow;
using OrleansDistribution.Grains.Inventory;
using OrleansDistribution.Grains.Orders;
using OrleansDistribution.Grains.Partners;

namespace OrleansDistribution.Grains.Tests.Storage;

/// <summary>
/// Grain state already on disk must stay readable: these snapshots were written by the v1 state types
/// and are committed. A change that breaks reading them (a renamed alias, a reused or retyped [Id]) fails
/// here, long before it meets a production database. Set UPDATE_STATE_SNAPSHOTS=1 only to add a snapshot
/// for a new state version, never to overwrite an existing one.
/// </summary>
public sealed class StoredStateCompatibilityTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private readonly Serializer _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void OrderState_V1Snapshot_ReadsBackEveryField()
    {
        var state = Read<OrderState>("order-state.v1", SampleOrder);

        Assert.Equal("acme", state.PartnerId);
        Assert.Equal(OrderStatus.ReleasedToWarehouse, state.Status);
        Assert.Equal("2026-11", state.PriceListVersion);
        Assert.Equal(25.00m, state.Total);
        Assert.Equal(new PricedOrderLine("SKU-1", 2, 12.50m), Assert.Single(state.Lines));
        Assert.Equal([OrderStatus.Accepted, OrderStatus.ErpCommitted, OrderStatus.ReleasedToWarehouse], state.Timeline.Select(t => t.Status));
        Assert.Equal("corr-1", state.CorrelationId);
        Assert.Equal(2, state.Reservations["SKU-1"]);
        Assert.Equal("WMS-1", state.WarehouseReference);

        // And it is a record the workflow decides on: released, nothing pending, the shipment SLA (if any) running.
        var record = state.ToRecord("ord_1");
        Assert.Equal(OrderStatus.ReleasedToWarehouse, record.Status);
        Assert.Null(OrderWorkflow.PendingStep(record));
        Assert.False(record.HasPendingStock);
    }

    [Fact]
    public void InventoryState_V1Snapshot_ReadsBackEveryField()
    {
        var state = Read<InventoryState>("inventory-state.v1", () => new InventoryState
        {
            OnHand = 100,
            Reservations = new(StringComparer.Ordinal) { ["ord_1"] = 2 },
            ShippedOrders = new(StringComparer.Ordinal) { "ord_0" },
            UpdatedAt = At,
        });

        Assert.Equal(100, state.OnHand);
        Assert.Equal(2, state.Reservations["ord_1"]);
        Assert.Contains("ord_0", state.ShippedOrders);
        Assert.Equal(At, state.UpdatedAt);

        // v1 kept reservations per order; today's position keeps their total and nothing in doubt.
        var position = state.ToPosition();
        Assert.Equal((100, 2, 98), (position.OnHand, position.Reserved, position.Available));
        Assert.Empty(position.InDoubt);
    }

    [Fact]
    public void PartnerState_V1Snapshot_ReadsBackEveryField()
    {
        var state = Read<PartnerState>("partner-state.v1", () => new PartnerState
        {
            Name = "Acme Retail",
            Status = PartnerStatus.Suspended,
            RateLimitPerSecond = 200,
            ApiKeyHashes = ["abc123"],
            PriceLists = new(StringComparer.Ordinal) { ["2026-11"] = new PriceList("2026-11", "USD", [new PriceListLine("SKU-1", 12.50m)], At) },
            CurrentPriceListVersion = "2026-11",
            CreatedAt = At,
        });

        Assert.Equal(PartnerStatus.Suspended, state.Status);
        Assert.Equal(200, state.RateLimitPerSecond);
        Assert.Equal(12.50m, Assert.Single(state.PriceLists["2026-11"].Lines).UnitPrice);
        Assert.Equal("2026-11", state.CurrentPriceListVersion);
    }

    [Fact]
    public void PartnerState_WithKeyRecordsAndLimits_ReadsBackEveryField()
    {
        var state = Read<PartnerState>("partner-state.v1-keys", () => new PartnerState
        {
            Name = "Acme Retail",
            RateLimitPerSecond = 200,
            ApiKeyHashes = ["def456"],
            CreatedAt = At,
            Keys =
            [
                new ApiKeyEntry { KeyId = "key_abc123", KeyHash = "abc123", CreatedAt = At, RevokedAt = At.AddDays(1) },
                new ApiKeyEntry { KeyId = "key_def456", KeyHash = "def456", Last4 = "wxyz", CreatedAt = At.AddHours(1) },
            ],
            Burst = 400,
            DailyQuota = 50_000,
        });

        Assert.Equal(["key_abc123", "key_def456"], state.Keys.Select(key => key.KeyId));
        Assert.Equal((At.AddDays(1), (string?)null), (state.Keys[0].RevokedAt!.Value, state.Keys[0].Last4));
        Assert.Equal(("def456", "wxyz", (DateTimeOffset?)null), (state.Keys[1].KeyHash, state.Keys[1].Last4, state.Keys[1].RevokedAt));
        Assert.Equal((400, 50_000), (state.Burst!.Value, state.DailyQuota!.Value));
    }

    [Fact]
    public void QuotaAndAuditState_V1Snapshots_ReadBackEveryField()
    {
        var quota = Read<DailyQuotaState>("daily-quota-state.v1", () => new DailyQuotaState { Leased = 1_200 });
        var audit = Read<PartnerAuditState>("partner-audit-state.v1", () => new PartnerAuditState
        {
            LastSequence = 7,
            Entries = [new AuditEntry(7, At, "operator", AuditActions.KeyRevoked, [new AuditChange("keyId", "key_abc123", null)], "corr-7")],
        });

        Assert.Equal(1_200, quota.Leased);
        Assert.Equal(7, audit.LastSequence);
        var entry = Assert.Single(audit.Entries);
        Assert.Equal((7L, At, "operator", AuditActions.KeyRevoked, "corr-7"), (entry.Sequence, entry.At, entry.Actor, entry.Action, entry.CorrelationId));
        Assert.Equal(new AuditChange("keyId", "key_abc123", null), Assert.Single(entry.Changes));
    }

    private static OrderState SampleOrder() => new()
    {
        PartnerId = "acme",
        ChannelOrderRef = "PO-1",
        CustomerId = "C-1",
        Status = OrderStatus.ReleasedToWarehouse,
        PriceListVersion = "2026-11",
        Currency = "USD",
        Total = 25.00m,
        Lines = [new PricedOrderLine("SKU-1", 2, 12.50m)],
        Timeline =
        [
            new TimelineEntry(At, null, OrderStatus.Accepted, "corr-1", "Accepted"),
            new TimelineEntry(At, OrderStatus.Accepted, OrderStatus.ErpCommitted, "corr-1", "Committed"),
            new TimelineEntry(At, OrderStatus.ErpCommitted, OrderStatus.ReleasedToWarehouse, "corr-1", "Released"),
        ],
        CreatedAt = At,
        CorrelationId = "corr-1",
        Reservations = new(StringComparer.Ordinal) { ["SKU-1"] = 2 },
        ErpReference = "ERP-1",
        WarehouseReference = "WMS-1",
    };

    private T Read<T>(string name, Func<T> sample)
    {
        var path = Path.Combine(SnapshotDirectory(), name + ".hex");
        if (!File.Exists(path) && Environment.GetEnvironmentVariable("UPDATE_STATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, Convert.ToHexString(_serializer.SerializeToArray(sample())) + "\n");
        }

        Assert.True(File.Exists(path), $"Snapshot {path} is missing; it must be committed.");
        return _serializer.Deserialize<T>(Convert.FromHexString(File.ReadAllText(path).Trim()))
            ?? throw new InvalidOperationException($"Snapshot {name} deserialized to null.");
    }

    private static string SnapshotDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OrleansDistribution.Grains.Tests.csproj")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Test project directory not found."), "Storage", "Snapshots");
    }
}
