using System.ComponentModel.DataAnnotations;
using OrleansDistribution.Api.Contracts.Validation;

namespace OrleansDistribution.Api.Contracts;

/// <summary>One SKU's on-hand as the ERP counts it, to check the hub against.</summary>
public sealed class ReconciliationPositionInput
{
    /// <summary>The SKU.</summary>
    [Required, Identifier(64)]
    public string Sku { get; init; } = "";

    /// <summary>Units on hand per the ERP.</summary>
    [Required, Range(0, SetInventoryRequest.MaxOnHand)]
    public int? OnHand { get; init; }
}
