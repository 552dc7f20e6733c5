namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>How a reservation request ended.</summary>
[GenerateSerializer]
[Alias("ReservationOutcome")]
public enum ReservationOutcome
{
    /// <summary>The quantity is now reserved for the order (or already was).</summary>
    Reserved = 0,
    /// <summary>Not enough available stock; nothing was reserved.</summary>
    Insufficient = 1,
    /// <summary>The SKU has no stock record.</summary>
    UnknownSku = 2,
}
