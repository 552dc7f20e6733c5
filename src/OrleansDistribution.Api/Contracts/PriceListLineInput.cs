using System.ComponentModel.DataAnnotations;
using OrleansDistribution.Api.Contracts.Validation;

namespace OrleansDistribution.Api.Contracts;

/// <summary>One line of a price list body.</summary>
public sealed record PriceListLineInput
{
    /// <summary>The SKU priced.</summary>
    [Required, Identifier(64)]
    public string Sku { get; init; } = "";

    /// <summary>Contract unit price in the list's currency, at most 4 decimal places.</summary>
    [Required, Range(typeof(decimal), "0", "1000000000", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true), DecimalPlaces(4)]
    public decimal UnitPrice { get; init; }
}
