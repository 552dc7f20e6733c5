namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>What happens to an order line when the channel may not promise all of it.</summary>
[GenerateSerializer]
[Alias("AllocationMode")]
public enum AllocationMode
{
    /// <summary>All or nothing: the order waits on hold until every line can be reserved in full.</summary>
    ShipComplete = 0,

    /// <summary>Reserve what can be promised now and backorder the rest; backorders fill as stock arrives.</summary>
    AllowBackorder = 1,
}
