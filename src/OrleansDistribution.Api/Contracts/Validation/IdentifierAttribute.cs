using System.ComponentModel.DataAnnotations;

namespace OrleansDistribution.Api.Contracts.Validation;

/// <summary>
/// A name or reference (SKU, customer, channel order, partner): 1 to a maximum number of characters without
/// whitespace, control or format characters, or '/'. A <see cref="StringLengthAttribute"/>, so the length reaches
/// the OpenAPI schema; <c>null</c> passes (pair with <see cref="RequiredAttribute"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class IdentifierAttribute : StringLengthAttribute
{
    /// <summary>An identifier of at most <paramref name="maxLength"/> characters.</summary>
    public IdentifierAttribute(int maxLength)
        : base(maxLength) => MinimumLength = 1;

    /// <inheritdoc />
    public override bool IsValid(object? value) =>
        value is null || (value is string text && text.Length >= 1 && text.Length <= MaximumLength && TextRules.IsIdentifier(text));

    /// <inheritdoc />
    public override string FormatErrorMessage(string name) =>
        $"Must be 1-{MaximumLength} characters without spaces, control or format characters, or '/'.";
}
