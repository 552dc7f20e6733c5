using System.ComponentModel.DataAnnotations;
using OrleansDistribution.Api.Contracts.Validation;

namespace OrleansDistribution.Api.Contracts;

/// <summary>PUT /v1/partners/{partnerId}/price-list body: a new version of the partner's contract prices.</summary>
public sealed record PriceListRequest : IRequestExample<PriceListRequest>, IValidatableObject
{
    /// <summary>Most lines in one price list.</summary>
    public const int MaxLines = 100_000;

    /// <summary>The version's name; versions are kept, new orders use the latest.</summary>
    [Required, Identifier(64)]
    public string Version { get; init; } = "";

    /// <summary>ISO 4217 currency code.</summary>
    [Required, RegularExpression("^[A-Z]{3}$", ErrorMessage = "Required: an ISO 4217 code such as USD.")]
    public string Currency { get; init; } = "";

    /// <summary>One line per SKU, each SKU at most once.</summary>
    [Required, Length(1, MaxLines), NoNullItems]
    public List<PriceListLineInput> Lines { get; init; } = [];

    /// <inheritdoc />
    public static PriceListRequest Example { get; } = new()
    {
        Version = "2026-12",
        Currency = "USD",
        Lines = [new() { Sku = "SKU-1001", UnitPrice = 12.5m }, new() { Sku = "SKU-2002", UnitPrice = 99.9900m }],
    };

    /// <summary>SKUs listed twice.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Lines.Count; i++)
        {
            if (Lines[i]?.Sku is { } sku && !seen.Add(sku))
            {
                yield return new ValidationResult("Listed twice.", [$"{nameof(Lines)}[{i}].{nameof(PriceListLineInput.Sku)}"]);
            }
        }
    }
}
