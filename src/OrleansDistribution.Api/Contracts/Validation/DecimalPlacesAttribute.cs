using System.ComponentModel.DataAnnotations;

namespace OrleansDistribution.Api.Contracts.Validation;

/// <summary>A decimal with at most <paramref name="places"/> decimal places (a price the ERP can store exactly).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class DecimalPlacesAttribute(int places) : ValidationAttribute
{
    /// <summary>Most decimal places.</summary>
    public int Places { get; } = places;

    /// <inheritdoc />
    public override bool IsValid(object? value) => value is not decimal number || decimal.Round(number, Places) == number;

    /// <inheritdoc />
    public override string FormatErrorMessage(string name) => $"At most {Places} decimal places.";
}
