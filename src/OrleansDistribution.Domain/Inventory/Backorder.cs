namespace OrleansDistribution.Domain.Inventory;

/// <summary>
/// An order's units of this SKU that waited for stock. The SKU fills it as stock arrives (partner priority, then
/// order time) and tells the order; <paramref name="Filled"/> counts every unit filled so far and
/// <paramref name="Told"/> how many of them the order has acknowledged, so telling is repeated until it lands and a
/// repeat changes nothing. Filled units are part of the SKU's reserved total from the moment they are filled.
/// </summary>
/// <param name="Channel">The partner whose share the units count against.</param>
/// <param name="Priority">The partner's priority (1 first) when the order was placed.</param>
/// <param name="Since">When the order was placed: earlier orders of the same priority fill first.</param>
/// <param name="Waiting">Units still wanted.</param>
/// <param name="Filled">Units filled so far.</param>
/// <param name="Told">Filled units the order acknowledged.</param>
/// <param name="Confirmed">The order recorded its backorder (until then nothing is filled; unconfirmed ones are checked with the order).</param>
public sealed record Backorder(string Channel, int Priority, DateTimeOffset Since, int Waiting, int Filled, int Told, bool Confirmed)
{
    /// <summary>True when filled units still have to be told to the order.</summary>
    public bool HasNews => Filled > Told;
}

/// <summary>A fill to tell an order: of its backorder the SKU has filled <paramref name="Filled"/> units in all; <paramref name="Waiting"/> still wait.</summary>
public sealed record BackorderFill(string OrderId, int Filled, int Waiting);
