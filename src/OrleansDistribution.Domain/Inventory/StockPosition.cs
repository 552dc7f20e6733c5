using OrleansDistribution.Abstractions.Inventory;

namespace OrleansDistribution.Domain.Inventory;

/// <summary>
/// One SKU's stock as aggregates: on-hand and the total reserved. Per-order quantities live with the orders,
/// so the position stays small however many orders it serves; only operations not yet confirmed by their
/// order are kept (<see cref="InDoubt"/>), which makes retries after a crash harmless.
/// </summary>
public sealed class StockPosition(int onHand, int reserved, IDictionary<string, InDoubtOperation> inDoubt, int safetyStock = 0)
{
    /// <summary>Physical units the ERP says are on hand.</summary>
    public int OnHand { get; private set; } = onHand;

    /// <summary>Units promised to orders that have not shipped.</summary>
    public int Reserved { get; private set; } = reserved;

    /// <summary>What a new order may still reserve; never negative.</summary>
    public int Available => Math.Max(0, OnHand - Reserved - safetyStock);

    /// <summary>Operations whose order has not confirmed them yet, by order ID.</summary>
    public IDictionary<string, InDoubtOperation> InDoubt => inDoubt;

    /// <summary>Sets on-hand from the system of record; negative counts are refused.</summary>
    public void SetOnHand(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        OnHand = value;
    }

    /// <summary>
    /// Reserves for an order when enough is available. A repeat while the first is in doubt (or after the
    /// order shipped from here) answers true without reserving again. Returns whether the order holds it.
    /// </summary>
    public bool TryReserve(string orderId, int quantity, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        if (Repeats(orderId, StockOperation.Reserve) || Repeats(orderId, StockOperation.Deduct))
        {
            return true;
        }

        if (quantity > Available)
        {
            return false;
        }

        Reserved += quantity;
        Record(orderId, StockOperation.Reserve, quantity, now);
        return true;
    }

    /// <summary>Gives an order's reservation back; a repeat (or a release after shipping) changes nothing. True when applied.</summary>
    public bool Release(string orderId, int quantity, DateTimeOffset now)
    {
        if (quantity <= 0 || Repeats(orderId, StockOperation.Release) || Repeats(orderId, StockOperation.Deduct))
        {
            return false;
        }

        Reserved = Math.Max(0, Reserved - quantity);
        Record(orderId, StockOperation.Release, quantity, now);
        return true;
    }

    /// <summary>Deducts a shipped order's reservation from on-hand, once. True when applied.</summary>
    public bool Deduct(string orderId, int quantity, DateTimeOffset now)
    {
        if (quantity <= 0 || Repeats(orderId, StockOperation.Deduct))
        {
            return false;
        }

        Reserved = Math.Max(0, Reserved - quantity);

        // On-hand may have been lowered by the ERP below what was promised; stock cannot go negative.
        OnHand = Math.Max(0, OnHand - quantity);
        Record(orderId, StockOperation.Deduct, quantity, now);
        return true;
    }

    /// <summary>The order recorded the outcome on its side: forget the operation. True when there was one.</summary>
    public bool Settle(string orderId) => inDoubt.Remove(orderId);

    /// <summary>
    /// Resolves an operation left in doubt (its order never confirmed it) with what the order's durable record
    /// says, so the position matches the order: a reservation the order does not know of is undone, one it
    /// holds is kept. <paramref name="seen"/> is the entry the question was asked about; if the order repeated
    /// the operation meanwhile, nothing is decided. Returns true when the position changed.
    /// </summary>
    public bool Resolve(string orderId, InDoubtOperation seen, StockHold hold)
    {
        if (!inDoubt.TryGetValue(orderId, out var current) || current != seen)
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
                break;
            case (StockOperation.Release, StockHoldKind.Reserved):
                Reserved += seen.Quantity;
                break;
            case (StockOperation.Deduct, StockHoldKind.Reserved):
                Reserved += seen.Quantity;
                OnHand += seen.Quantity;
                break;
        }

        inDoubt.Remove(orderId);
        return true;
    }

    /// <summary>Records the operation in doubt; a replaced entry's version carries on, so a view of the old one is recognised as stale.</summary>
    private void Record(string orderId, StockOperation operation, int quantity, DateTimeOffset now) =>
        inDoubt[orderId] = new InDoubtOperation(operation, quantity, now, inDoubt.TryGetValue(orderId, out var replaced) ? replaced.Version + 1 : 0);

    private bool Repeats(string orderId, StockOperation operation)
    {
        if (inDoubt.TryGetValue(orderId, out var last) && last.Operation == operation)
        {
            inDoubt[orderId] = last with { Version = last.Version + 1 };
            return true;
        }

        return false;
    }
}
