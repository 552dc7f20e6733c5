using System.ComponentModel.DataAnnotations;

namespace OrleansDistribution.Api.Contracts.Validation;

/// <summary>
/// A <c>cursor</c> of an order search, as a previous page's <c>next</c> gave it (<see cref="OrderSearchCursor"/>); any
/// other text is refused rather than read as "from the start". <c>null</c> passes. A <see cref="StringLengthAttribute"/>,
/// so the length reaches the OpenAPI schema.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class OrderCursorAttribute : StringLengthAttribute
{
    /// <summary>A cursor of at most <see cref="OrderSearchCursor.MaxLength"/> characters.</summary>
    public OrderCursorAttribute()
        : base(OrderSearchCursor.MaxLength) => MinimumLength = 1;

    /// <inheritdoc />
    public override bool IsValid(object? value) => value is null || (value is string text && OrderSearchCursor.TryDecode(text, out _));

    /// <inheritdoc />
    public override string FormatErrorMessage(string name) => "Must be the 'next' cursor of a previous page of this search.";
}
