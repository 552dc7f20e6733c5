namespace OrleansDistribution.Abstractions.Orders;

/// <summary>A carrier/WMS milestone reported for an order.</summary>
[GenerateSerializer]
[Alias("ShipmentMilestone")]
public enum ShipmentMilestone
{
    /// <summary>Handed to the carrier.</summary>
    Shipped = 0,
    /// <summary>Delivered to the customer.</summary>
    Delivered = 1,
}
