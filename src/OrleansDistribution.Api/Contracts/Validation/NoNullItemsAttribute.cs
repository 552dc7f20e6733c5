using System.Collections;
using System.ComponentModel.DataAnnotations;

namespace OrleansDistribution.Api.Contracts.Validation;

/// <summary>
/// A list whose items may not be sent as <c>null</c> (the framework validates the items that are there and skips the
/// rest). The error names the missing items by their paths (<c>lines[1]</c>): the framework files every error of a
/// property attribute under the property itself.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class NoNullItemsAttribute : ValidationAttribute
{
    /// <inheritdoc />
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not IList items)
        {
            return ValidationResult.Success;
        }

        List<int>? missing = null;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                (missing ??= []).Add(i);
            }
        }

        var name = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(validationContext.MemberName ?? validationContext.DisplayName);
        return missing is null
            ? ValidationResult.Success
            : new ValidationResult($"Items may not be null: {string.Join(", ", missing.Select(i => $"{name}[{i}]"))}.");
    }
}
