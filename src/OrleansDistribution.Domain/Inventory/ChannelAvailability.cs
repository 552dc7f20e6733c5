using OrleansDistribution.Abstractions.Inventory;

namespace OrleansDistribution.Domain.Inventory;

/// <summary>
/// What one channel may promise of a SKU, with each term named so the figure explains itself:
/// <c>availableToPromise = min(available − buffer, shareLimit − reservedByChannel)</c>, never negative, where
/// <c>available = onHand − reserved − safetyStock</c> (all channels) and <c>shareLimit = ⌊share × (onHand − safetyStock)⌋</c>.
/// </summary>
/// <param name="Available">What any channel could still reserve: on-hand less all reservations and the SKU's safety stock.</param>
/// <param name="Buffer">Units held back from this channel (its policy's safety stock).</param>
/// <param name="ShareLimit">Most units this channel may hold reserved at once (its share of sellable stock).</param>
/// <param name="ReservedByChannel">Units this channel holds reserved now.</param>
/// <param name="AvailableToPromise">What this channel may promise now.</param>
/// <param name="MaxPerOrder">Most units of the SKU in one order, when limited.</param>
public sealed record ChannelAvailability(int Available, int Buffer, int ShareLimit, int ReservedByChannel, int AvailableToPromise, int? MaxPerOrder)
{
    /// <summary>Computes a channel's availability from the position's aggregates and its policy.</summary>
    public static ChannelAvailability Of(int onHand, int reserved, int safetyStock, int reservedByChannel, InventoryPolicy policy)
    {
        var sellable = Math.Max(0, onHand - safetyStock);
        var available = Math.Max(0, sellable - reserved);
        var shareLimit = (int)Math.Floor(Math.Clamp(policy.Share, 0m, 1m) * sellable);
        var promise = Math.Max(0, Math.Min(available - policy.SafetyStock, shareLimit - reservedByChannel));
        return new ChannelAvailability(available, policy.SafetyStock, shareLimit, reservedByChannel, promise, policy.MaxPerOrder);
    }

    /// <summary>
    /// Whether a channel told <paramref name="lastTold"/> should hear of <paramref name="now"/>: a move of at
    /// least <paramref name="threshold"/> of the last figure, or a crossing of zero either way.
    /// </summary>
    public static bool IsWorthTelling(int? lastTold, int now, decimal threshold)
    {
        if (lastTold is not { } last)
        {
            return true;
        }

        if (last == now)
        {
            return false;
        }

        if (last == 0 || now == 0)
        {
            return true;
        }

        return Math.Abs(now - last) >= threshold * last;
    }
}
