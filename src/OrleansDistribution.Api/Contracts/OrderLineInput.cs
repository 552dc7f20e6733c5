using System.ComponentModel.DataAnnotations;
using OrleansDistribution.Api.Contracts.Validation;

namespace OrleansDistribution.Api.Contracts;

/// <summary>One requested line.</summary>
public sealed class OrderLineInput
{
    /// <summary>Largest quantity on one line.</summary>
    public const int MaxQuantity = 1_000_000;

    /// <summary>The SKU ordered.</summary>
    [Required, Identifier(64)]
    public string Sku { get; init; } = "";

    /// <summary>Units ordered.</summary>
    [Required, Range(1, MaxQuantity)]
    public int Quantity { get; init; }
}
