namespace OrleansDistribution.Abstractions.Orders;

/// <summary>A shipment milestone from the carrier or warehouse feed.</summary>
[GenerateSerializer, Immutable]
[Alias("ShipmentEvent")]
public sealed record ShipmentEvent(
    [property: Id(0)] ShipmentMilestone Milestone,
    [property: Id(1)] string? Carrier,
    [property: Id(2)] string? TrackingNumber);
