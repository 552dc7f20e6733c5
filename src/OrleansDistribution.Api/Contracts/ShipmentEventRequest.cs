using System.ComponentModel.DataAnnotations;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Api.Contracts.Validation;

namespace OrleansDistribution.Api.Contracts;

/// <summary>POST /v1/shipments/events body.</summary>
public sealed record ShipmentEventRequest : IRequestExample<ShipmentEventRequest>
{
    /// <summary>The order shipped or delivered.</summary>
    [Required, Identifier(128)]
    public string OrderId { get; init; } = "";

    /// <summary>The milestone reached.</summary>
    [Required, OneOf(typeof(ShipmentMilestone))]
    public string Milestone { get; init; } = "";

    /// <summary>Carrier name.</summary>
    [PlainText(100)]
    public string? Carrier { get; init; }

    /// <summary>Carrier's tracking number.</summary>
    [PlainText(100)]
    public string? TrackingNumber { get; init; }

    /// <inheritdoc />
    public static ShipmentEventRequest Example { get; } = new()
    {
        OrderId = "ord_5d41402abc4b2a76b9719d911017c592", Milestone = nameof(ShipmentMilestone.Shipped), Carrier = "DHL", TrackingNumber = "JD014600006281230704",
    };
}
