namespace OrleansDistribution.Domain.Inventory;

/// <summary>
/// One SKU's stock: on-hand, reservations by order and the orders already shipped from it.
/// Works on the collections it is given so the owning grain persists exactly what the rules changed.
/// </summary>
public sealed class StockPosition(
    int onHand,
    IDictionary<string, int> reservations,
    ISet<string> shippedOrders,
    int safetyStock = 0)
{
    /// <summary>Physical units the ERP says are on hand.</summary>
    public int OnHand { get; private set; } = onHand;

    /// <summary>Units promised to accepted orders.</summary>
    public int Reserved => reservations.Values.Sum();

    /// <summary>What a new order may still reserve; never negative.</summary>
    public int Available => Math.Max(0, OnHand - Reserved - safetyStock);

    /// <summary>Sets on-hand from the system of record; negative counts are refused.</summary>
    public void SetOnHand(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        OnHand = value;
    }

    /// <summary>Reserves for an order when enough is available; an existing reservation for the order is kept as is.</summary>
    public bool TryReserve(string orderId, int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        if (reservations.ContainsKey(orderId) || shippedOrders.Contains(orderId))
        {
            return true;
        }

        if (quantity > Available)
        {
            return false;
        }

        reservations[orderId] = quantity;
        return true;
    }

    /// <summary>Releases the order's reservation; returns false when there was none.</summary>
    public bool Release(string orderId) => reservations.Remove(orderId);

    /// <summary>Deducts the order's reserved quantity from on-hand once; repeats change nothing.</summary>
    public bool Commit(string orderId)
    {
        if (!reservations.Remove(orderId, out var quantity))
        {
            return false;
        }

        // On-hand may have been lowered by the ERP below what was promised; stock cannot go negative.
        OnHand = Math.Max(0, OnHand - quantity);
        shippedOrders.Add(orderId);
        return true;
    }
}
