using Microsoft.AspNetCore.Http.HttpResults;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Api.Contracts;
using OrleansDistribution.Api.Contracts.Validation;
using OrleansDistribution.Api.Security;

namespace OrleansDistribution.Api.Apis;

/// <summary>Shipment milestones from the carrier/WMS feed (operator in v1).</summary>
public static class ShipmentsApi
{
    /// <summary>Maps /v1/shipments.</summary>
    public static RouteGroupBuilder MapShipmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/shipments").WithTags("Shipments").RequireAuthorization(Policies.Operator);
        group.MapPost("/events", RecordAsync).WithName("RecordShipmentEvent")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    /// <summary>Applies a milestone; repeating one is harmless. Returns the order as it now stands.</summary>
    public static async Task<Ok<OrderResponse>> RecordAsync(ShipmentEventRequest request, IGrainFactory grains)
    {
        var order = await grains.GetGrain<IOrderGrain>(request.OrderId)
            .RecordShipmentAsync(new ShipmentEvent(OneOfAttribute.Parse<ShipmentMilestone>(request.Milestone), request.Carrier, request.TrackingNumber));
        return TypedResults.Ok(OrderResponse.From(order));
    }
}
