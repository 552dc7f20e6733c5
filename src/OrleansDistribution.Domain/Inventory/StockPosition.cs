using OrleansDistribution.Abstractions.Inventory;

namespace OrleansDistribution.Domain.Inventory;

/// <summary>
/// One SKU's stock as aggregates: on-hand (from the ERP's book, less what the hub shipped since), the total
/// reserved and the part of it each channel holds. Per-order quantities live with the orders, so the position
/// stays small however many orders it serves; only operations not yet confirmed by their order are kept
/// (<see cref="InDoubt"/>), which makes retries after a crash harmless.
/// </summary>
public sealed class StockPosition
{
    private readonly IDictionary<string, InDoubtOperation> _inDoubt;
    private readonly Dictionary<string, int> _byChannel;

    /// <summary>A position as persisted.</summary>
    public StockPosition(int onHand, int reserved, IDictionary<string, InDoubtOperation> inDoubt, int safetyStock = 0)
        : this(ErpStockBook.Manual(onHand), reserved, inDoubt, new Dictionary<string, int>(StringComparer.Ordinal), safetyStock)
    {
    }

    /// <summary>A position as persisted, with its ERP book and channel reservations.</summary>
    public StockPosition(ErpStockBook book, int reserved, IDictionary<string, InDoubtOperation> inDoubt, IDictionary<string, int> byChannel, int safetyStock)
    {
        Book = book;
        Reserved = reserved;
        _inDoubt = inDoubt;
        _byChannel = new Dictionary<string, int>(byChannel, StringComparer.Ordinal);
        SafetyStock = safetyStock;
    }

    /// <summary>What the ERP said of on-hand, and what the hub shipped since.</summary>
    public ErpStockBook Book { get; }

    /// <summary>Physical units on hand: the ERP's figure less the hub's shipments since; never negative.</summary>
    public int OnHand => Book.OnHand;

    /// <summary>Units promised to orders that have not shipped.</summary>
    public int Reserved { get; private set; }

    /// <summary>Units of this SKU no channel may promise.</summary>
    public int SafetyStock { get; private set; }

    /// <summary>What a new order may still reserve, policies aside; never negative.</summary>
    public int Available => Math.Max(0, OnHand - Reserved - SafetyStock);

    /// <summary>Units reserved per channel (partner); only channels holding some.</summary>
    public IReadOnlyDictionary<string, int> ReservedByChannel => _byChannel;

    /// <summary>Operations whose order has not confirmed them yet, by order ID.</summary>
    public IDictionary<string, InDoubtOperation> InDoubt => _inDoubt;

    /// <summary>Sets on-hand by hand in the hub; negative counts are refused. The ERP's next statement replaces it.</summary>
    public void SetOnHand(int value) => Book.SetManually(value);

    /// <summary>Sets the units no channel may promise.</summary>
    public void SetSafetyStock(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        SafetyStock = value;
    }

    /// <summary>Applies an ERP statement in sequence order (see <see cref="ErpStockBook"/>).</summary>
    public ErpSyncResult Sync(ErpStockUpdate update, DateTimeOffset now) => Book.Apply(update, now);

    /// <summary>What <paramref name="channel"/> may promise under <paramref name="policy"/>.</summary>
    public ChannelAvailability For(string? channel, InventoryPolicy policy) =>
        ChannelAvailability.Of(OnHand, Reserved, SafetyStock, channel is null ? 0 : _byChannel.GetValueOrDefault(channel), policy);

    /// <summary>Reserves for an order without a channel policy (all sellable stock may be promised).</summary>
    public bool TryReserve(string orderId, int quantity, DateTimeOffset now) => TryReserve(orderId, quantity, now, null, InventoryPolicy.Default);

    /// <summary>
    /// Reserves for an order of <paramref name="channel"/> when its policy lets it promise the quantity. A repeat
    /// while the first is in doubt (or after the order shipped from here) answers true without reserving again.
    /// Returns whether the order holds it.
    /// </summary>
    public bool TryReserve(string orderId, int quantity, DateTimeOffset now, string? channel, InventoryPolicy policy)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        if (Repeats(orderId, StockOperation.Reserve) || Repeats(orderId, StockOperation.Deduct))
        {
            return true;
        }

        if (quantity > For(channel, policy).AvailableToPromise)
        {
            return false;
        }

        Reserved += quantity;
        AddToChannel(channel, quantity);
        Record(orderId, StockOperation.Reserve, quantity, now, channel);
        return true;
    }

    /// <summary>Gives an order's reservation back; a repeat (or a release after shipping) changes nothing. True when applied.</summary>
    public bool Release(string orderId, int quantity, DateTimeOffset now, string? channel = null)
    {
        if (quantity <= 0 || Repeats(orderId, StockOperation.Release) || Repeats(orderId, StockOperation.Deduct))
        {
            return false;
        }

        Reserved = Math.Max(0, Reserved - quantity);
        AddToChannel(channel, -quantity);
        Record(orderId, StockOperation.Release, quantity, now, channel);
        return true;
    }

    /// <summary>Deducts a shipped order's reservation from on-hand, once. True when applied.</summary>
    public bool Deduct(string orderId, int quantity, DateTimeOffset now, string? channel = null)
    {
        if (quantity <= 0 || Repeats(orderId, StockOperation.Deduct))
        {
            return false;
        }

        Reserved = Math.Max(0, Reserved - quantity);
        AddToChannel(channel, -quantity);

        // On-hand may have been lowered by the ERP below what was promised; the book never counts below zero.
        Book.Deduct(Math.Min(quantity, OnHand));
        Record(orderId, StockOperation.Deduct, quantity, now, channel);
        return true;
    }

    /// <summary>The order recorded the outcome on its side: forget the operation. True when there was one.</summary>
    public bool Settle(string orderId) => _inDoubt.Remove(orderId);

    /// <summary>
    /// Resolves an operation left in doubt (its order never confirmed it) with what the order's durable record
    /// says, so the position matches the order: a reservation the order does not know of is undone, one it
    /// holds is kept. <paramref name="seen"/> is the entry the question was asked about; if the order repeated
    /// the operation meanwhile, nothing is decided. Returns true when the position changed.
    /// </summary>
    public bool Resolve(string orderId, InDoubtOperation seen, StockHold hold)
    {
        if (!_inDoubt.TryGetValue(orderId, out var current) || current != seen)
        {
            return false;
        }

        switch (seen.Operation, hold.Kind)
        {
            case (_, StockHoldKind.Releasing or StockHoldKind.Deducting):
                // The order has decided to give back or deduct and will send (or confirm) it: keep the entry,
                // it is what recognises a repeat.
                return false;
            case (StockOperation.Reserve, StockHoldKind.None):
                Reserved = Math.Max(0, Reserved - seen.Quantity);
                AddToChannel(seen.Channel, -seen.Quantity);
                break;
            case (StockOperation.Release, StockHoldKind.Reserved):
                Reserved += seen.Quantity;
                AddToChannel(seen.Channel, seen.Quantity);
                break;
            case (StockOperation.Deduct, StockHoldKind.Reserved):
                Reserved += seen.Quantity;
                AddToChannel(seen.Channel, seen.Quantity);
                Book.Undeduct(seen.Quantity);
                break;
        }

        _inDoubt.Remove(orderId);
        return true;
    }

    private void AddToChannel(string? channel, int quantity)
    {
        if (channel is null)
        {
            return;
        }

        var held = Math.Max(0, _byChannel.GetValueOrDefault(channel) + quantity);
        if (held == 0)
        {
            _byChannel.Remove(channel);
        }
        else
        {
            _byChannel[channel] = held;
        }
    }

    /// <summary>Records the operation in doubt; a replaced entry's version carries on, so a view of the old one is recognised as stale.</summary>
    private void Record(string orderId, StockOperation operation, int quantity, DateTimeOffset now, string? channel) =>
        _inDoubt[orderId] = new InDoubtOperation(operation, quantity, now, _inDoubt.TryGetValue(orderId, out var replaced) ? replaced.Version + 1 : 0, channel);

    private bool Repeats(string orderId, StockOperation operation)
    {
        if (_inDoubt.TryGetValue(orderId, out var last) && last.Operation == operation)
        {
            _inDoubt[orderId] = last with { Version = last.Version + 1 };
            return true;
        }

        return false;
    }
}
