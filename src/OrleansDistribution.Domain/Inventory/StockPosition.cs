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
    private readonly Dictionary<string, Backorder> _backorders;

    /// <summary>A position as persisted.</summary>
    public StockPosition(int onHand, int reserved, IDictionary<string, InDoubtOperation> inDoubt, int safetyStock = 0)
        : this(ErpStockBook.Manual(onHand), reserved, inDoubt, new Dictionary<string, int>(StringComparer.Ordinal), safetyStock)
    {
    }

    /// <summary>A position as persisted, with its ERP book and channel reservations.</summary>
    public StockPosition(ErpStockBook book, int reserved, IDictionary<string, InDoubtOperation> inDoubt, IDictionary<string, int> byChannel, int safetyStock,
        IDictionary<string, Backorder>? backorders = null)
    {
        _backorders = backorders is null ? new Dictionary<string, Backorder>(StringComparer.Ordinal) : new Dictionary<string, Backorder>(backorders, StringComparer.Ordinal);
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

    /// <summary>Orders waiting for stock of this SKU, by order ID.</summary>
    public IReadOnlyDictionary<string, Backorder> Backorders => _backorders;

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

    /// <summary>
    /// Reserves what <paramref name="channel"/> may promise of the quantity now and backorders the rest (filled as
    /// stock arrives). A repeat answers what the first call allocated. Returns the units allocated now.
    /// </summary>
    public int Allocate(string orderId, int quantity, DateTimeOffset now, string channel, InventoryPolicy policy)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        if (_backorders.TryGetValue(orderId, out var known))
        {
            return quantity - known.Waiting - known.Filled;
        }

        if (Repeats(orderId, StockOperation.Reserve) || Repeats(orderId, StockOperation.Deduct))
        {
            return quantity;
        }

        var allocated = Math.Min(quantity, For(channel, policy).AvailableToPromise);
        if (allocated > 0)
        {
            Reserved += allocated;
            AddToChannel(channel, allocated);
            Record(orderId, StockOperation.Reserve, allocated, now, channel);
        }

        if (allocated < quantity)
        {
            _backorders[orderId] = new Backorder(channel, policy.Priority, now, quantity - allocated, 0, 0, Confirmed: false);
        }

        return allocated;
    }

    /// <summary>
    /// Fills waiting backorders from what each one's channel may promise now: partner priority first (1 before 10),
    /// then the oldest order; a backorder may be filled in part. Returns the fills to tell the orders.
    /// </summary>
    public IReadOnlyList<BackorderFill> FillBackorders(Func<string, InventoryPolicy> policyOf)
    {
        if (_backorders.Count == 0 || Available == 0)
        {
            return [];
        }

        var fills = new List<BackorderFill>();
        foreach (var (orderId, waiting) in _backorders.Where(pair => pair.Value is { Confirmed: true, Waiting: > 0 })
            .OrderBy(pair => pair.Value.Priority).ThenBy(pair => pair.Value.Since).ThenBy(pair => pair.Key, StringComparer.Ordinal).ToList())
        {
            var units = Math.Min(waiting.Waiting, For(waiting.Channel, policyOf(waiting.Channel)).AvailableToPromise);
            if (units <= 0)
            {
                continue;
            }

            Reserved += units;
            AddToChannel(waiting.Channel, units);
            var filled = waiting with { Waiting = waiting.Waiting - units, Filled = waiting.Filled + units };
            _backorders[orderId] = filled;
            fills.Add(new BackorderFill(orderId, filled.Filled, filled.Waiting));
            if (Available == 0)
            {
                break;
            }
        }

        return fills;
    }

    /// <summary>Fills not yet acknowledged by their orders (to tell again).</summary>
    public IReadOnlyList<BackorderFill> UntoldFills() =>
        [.. _backorders.Where(pair => pair.Value.HasNews).Select(pair => new BackorderFill(pair.Key, pair.Value.Filled, pair.Value.Waiting))];

    /// <summary>The order acknowledged <paramref name="filled"/> units; a backorder filled and told in full is done. True when it changed.</summary>
    public bool AcknowledgeFill(string orderId, int filled)
    {
        if (!_backorders.TryGetValue(orderId, out var backorder) || filled <= backorder.Told)
        {
            return false;
        }

        backorder = backorder with { Told = Math.Min(filled, backorder.Filled) };
        if (backorder is { Waiting: 0, HasNews: false })
        {
            _backorders.Remove(orderId);
        }
        else
        {
            _backorders[orderId] = backorder;
        }

        return true;
    }

    /// <summary>
    /// The order gave up its backorder (cancelled, expired, or it never recorded it): the units filled beyond the
    /// <paramref name="acknowledged"/> ones it holds as reservations (and releases itself) are released here. True when there was one.
    /// </summary>
    public bool CancelBackorder(string orderId, int acknowledged)
    {
        if (!_backorders.Remove(orderId, out var backorder))
        {
            return false;
        }

        var release = Math.Max(0, backorder.Filled - acknowledged);
        Reserved = Math.Max(0, Reserved - release);
        AddToChannel(backorder.Channel, -release);
        return true;
    }

    /// <summary>The order recorded the outcome on its side: forget the operation, confirm its backorder. True when there was either.</summary>
    public bool Settle(string orderId)
    {
        var confirmed = false;
        if (_backorders.TryGetValue(orderId, out var backorder) && !backorder.Confirmed)
        {
            _backorders[orderId] = backorder with { Confirmed = true };
            confirmed = true;
        }

        return _inDoubt.Remove(orderId) | confirmed;
    }

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

    /// <summary>
    /// Resolves a backorder its order never confirmed (it crashed before recording it, or the confirmation was
    /// lost): kept when the order's record has it, dropped otherwise. Returns true when it was dropped.
    /// </summary>
    public bool ResolveBackorder(string orderId, StockHold hold)
    {
        if (!_backorders.TryGetValue(orderId, out var backorder) || backorder.Confirmed)
        {
            return false;
        }

        if (hold.Backordered > 0)
        {
            _backorders[orderId] = backorder with { Confirmed = true };
            return false;
        }

        return CancelBackorder(orderId, 0);
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
