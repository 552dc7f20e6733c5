using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Api.Contracts;

/// <summary>POST /v1/shipments/events body.</summary>
public sealed record ShipmentEventRequest(string? OrderId, string? Milestone, string? Carrier, string? TrackingNumber)
{
    /// <summary>Checks shape and returns the parsed milestone.</summary>
    public Validation Validate(out ShipmentMilestone milestone)
    {
        var validation = new Validation();
        validation.RequireIdentifier("orderId", OrderId, 128);
        if (!Enum.TryParse(Milestone, ignoreCase: true, out milestone) || !Enum.IsDefined(milestone) || int.TryParse(Milestone, out _))
        {
            validation.Add("milestone", "Must be 'Shipped' or 'Delivered'.");
        }

        validation.RequireText("carrier", Carrier, 100);
        validation.RequireText("trackingNumber", TrackingNumber, 100);

        return validation;
    }
}
