using System.ComponentModel.DataAnnotations;
using OrleansDistribution.Api.Contracts.Validation;

namespace OrleansDistribution.Api.Contracts;

/// <summary>
/// One ERP statement in POST /v1/inventory/sync: an absolute <c>onHand</c> or a <c>delta</c> with its
/// <c>reason</c>, ordered per SKU by <c>erpSequence</c>. Checked line by line: a bad line is refused alone.
/// </summary>
public sealed class ErpStockLineInput : IValidatableObject
{
    /// <summary>Largest change one statement may make.</summary>
    public const int MaxDelta = SetInventoryRequest.MaxOnHand;

    /// <summary>The SKU.</summary>
    [Required, Identifier(64)]
    public string Sku { get; init; } = "";

    /// <summary>Units on hand per the ERP (absolute statement); give this or <see cref="Delta"/>.</summary>
    [Range(0, SetInventoryRequest.MaxOnHand)]
    public int? OnHand { get; init; }

    /// <summary>Change of on-hand (a receipt is positive, scrap negative); give this or <see cref="OnHand"/>.</summary>
    [Range(-MaxDelta, MaxDelta)]
    public int? Delta { get; init; }

    /// <summary>Why on-hand changed (receipt, adjustment, return…); required with <see cref="Delta"/>.</summary>
    [PlainText(64)]
    public string? Reason { get; init; }

    /// <summary>The ERP's sequence of its statements about this SKU: later statements have higher numbers.</summary>
    [Required, Range(0, long.MaxValue)]
    public long? ErpSequence { get; init; }

    /// <summary>When the statement was true in the ERP.</summary>
    [Required]
    public DateTimeOffset? AsOf { get; init; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OnHand is null == Delta is null)
        {
            yield return new ValidationResult("Give exactly one of onHand (absolute) and delta (change).", [nameof(OnHand), nameof(Delta)]);
        }

        if (Delta is not null && string.IsNullOrWhiteSpace(Reason))
        {
            yield return new ValidationResult("A delta needs its reason.", [nameof(Reason)]);
        }
    }
}
