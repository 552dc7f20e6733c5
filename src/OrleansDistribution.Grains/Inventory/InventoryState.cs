using OrleansDistribution.Grains.Feed;
using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Domain.Inventory;

namespace OrleansDistribution.Grains.Inventory;

/// <summary>
/// Persisted stock position of one SKU: aggregates plus the few operations still in doubt, so its size does
/// not grow with the orders it serves. Additive changes only: new members get new ids.
/// </summary>
[GenerateSerializer]
[Alias("InventoryState.v1")]
public sealed class InventoryState : IFeedingState
{
    [NonSerialized]
    private IReadOnlyList<PartnerFeedAppend>? _feedAppends;

    /// <summary>Physical units on hand (as counted by the hub; the ERP book below is its source since v2).</summary>
    [Id(0)] public int OnHand { get; set; }

    /// <summary>v1 only: reserved quantity by order ID; folded into <see cref="Reserved"/> when loaded.</summary>
    [Id(1)] public Dictionary<string, int> Reservations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>v1 only: orders already deducted; dropped when loaded (shipping is confirmed by the order now).</summary>
    [Id(2)] public HashSet<string> ShippedOrders { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Last change.</summary>
    [Id(3)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Units reserved by orders that have not shipped.</summary>
    [Id(4)] public int Reserved { get; set; }

    /// <summary>Operations their orders have not confirmed yet, by order ID.</summary>
    [Id(5)] public Dictionary<string, InDoubtEntry> InDoubt { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The ERP book (v2); null in state written before it, whose <see cref="OnHand"/> then becomes a hand-set figure.</summary>
    [Id(6)] public ErpBookEntry? Erp { get; set; }

    /// <summary>Units reserved per channel (partner).</summary>
    [Id(7)] public Dictionary<string, int> ReservedByChannel { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Units no channel may promise.</summary>
    [Id(8)] public int SafetyStock { get; set; }

    /// <summary>Channels trading the SKU, by partner ID.</summary>
    [Id(9)] public Dictionary<string, ChannelEntry> Channels { get; set; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    /// <remarks>Not part of the stored state: set by the grain for one write.</remarks>
    public IReadOnlyList<PartnerFeedAppend>? FeedAppends { get => _feedAppends; set => _feedAppends = value; }

    /// <summary>When on-hand was last set by hand in the hub rather than by the ERP.</summary>
    [Id(10)] public DateTimeOffset? SetByHandAt { get; set; }

    /// <summary>Orders waiting for stock of this SKU, by order ID.</summary>
    [Id(11)] public Dictionary<string, BackorderEntry> Backorders { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The position to decide on (v1 state is converted: per-order reservations become the total).</summary>
    public StockPosition ToPosition()
    {
        var inDoubt = new Dictionary<string, InDoubtOperation>(InDoubt.Count, StringComparer.Ordinal);
        foreach (var (orderId, entry) in InDoubt)
        {
            inDoubt[orderId] = new InDoubtOperation(entry.Operation, entry.Quantity, entry.At, entry.Version, entry.Channel);
        }

        var book = Erp is { } erp
            ? new ErpStockBook(erp.BaseOnHand, erp.BaseSequence, erp.Changes, erp.Deducted, new ErpStockStamps(erp.AsOf, erp.AppliedAt, erp.ConfirmedAt, erp.AsOfSequence))
            : ErpStockBook.Manual(OnHand);
        var backorders = Backorders.ToDictionary(pair => pair.Key,
            pair => new Backorder(pair.Value.Channel, pair.Value.Priority, pair.Value.Since, pair.Value.Waiting, pair.Value.Filled, pair.Value.Told, pair.Value.Confirmed),
            StringComparer.Ordinal);
        return new StockPosition(book, Reserved + Reservations.Values.Sum(), inDoubt, ReservedByChannel, SafetyStock, backorders);
    }

    /// <summary>The state to persist for a position.</summary>
    public static InventoryState From(StockPosition position, DateTimeOffset updatedAt, Dictionary<string, ChannelEntry> channels, DateTimeOffset? setByHandAt)
    {
        var inDoubt = new Dictionary<string, InDoubtEntry>(position.InDoubt.Count, StringComparer.Ordinal);
        foreach (var (orderId, operation) in position.InDoubt)
        {
            inDoubt[orderId] = new InDoubtEntry(operation.Operation, operation.Quantity, operation.At, operation.Version, operation.Channel);
        }

        var book = position.Book;
        return new InventoryState
        {
            OnHand = position.OnHand,
            Reserved = position.Reserved,
            InDoubt = inDoubt,
            UpdatedAt = updatedAt,
            Erp = new ErpBookEntry(book.BaseOnHand, book.BaseSequence, new Dictionary<long, int>(book.Changes), book.Deducted,
                book.Stamps.AsOf, book.Stamps.AppliedAt, book.Stamps.ConfirmedAt, book.Stamps.AsOfSequence),
            ReservedByChannel = new Dictionary<string, int>(position.ReservedByChannel, StringComparer.Ordinal),
            SafetyStock = position.SafetyStock,
            Channels = channels,
            SetByHandAt = setByHandAt,
            Backorders = position.Backorders.Count == 0
                ? new Dictionary<string, BackorderEntry>(StringComparer.Ordinal)
                : position.Backorders.ToDictionary(pair => pair.Key,
                    pair => new BackorderEntry(pair.Value.Channel, pair.Value.Priority, pair.Value.Since, pair.Value.Waiting, pair.Value.Filled, pair.Value.Told, pair.Value.Confirmed),
                    StringComparer.Ordinal),
        };
    }
}
