using System.ComponentModel.DataAnnotations;

namespace OrleansDistribution.Api.Contracts;

/// <summary>PUT /v1/simulation/erp/stock/{sku} body: what the simulated ERP books as the SKU's on-hand.</summary>
public sealed record SetSimulatedErpStockRequest : IRequestExample<SetSimulatedErpStockRequest>
{
    /// <summary>Units on hand as the ERP books them; the hub's own limit, so whatever the ERP reports the hub can take.</summary>
    [Required, Range(0, SetInventoryRequest.MaxOnHand)]
    public int? OnHand { get; init; }

    /// <inheritdoc />
    public static SetSimulatedErpStockRequest Example { get; } = new() { OnHand = 250 };
}
