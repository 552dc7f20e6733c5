using System.ComponentModel.DataAnnotations;
using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Api.Contracts.Validation;

namespace OrleansDistribution.Api.Contracts;

/// <summary>
/// POST /v1/inventory/reconciliations body: the ERP's on-hand of 1 to 5,000 SKUs (each once), or <c>"source": "erp"</c>
/// to read the ERP's whole stock snapshot through the integration. One of the two.
/// </summary>
public sealed record StartReconciliationRequest : IRequestExample<StartReconciliationRequest>, IValidatableObject
{
    /// <summary>Most positions in one request.</summary>
    public const int MaxPositions = 5_000;

    /// <summary>The ERP's figures, 1 to 5,000, each SKU once; give these or <see cref="Source"/>.</summary>
    [Length(1, MaxPositions), NoNullItems]
    public List<ReconciliationPositionInput>? Positions { get; init; }

    /// <summary><c>erp</c>: read the figures from the ERP's stock snapshot; give this or <see cref="Positions"/>.</summary>
    [OneOf(typeof(ReconciliationSources))]
    public string? Source { get; init; }

    /// <inheritdoc />
    public static StartReconciliationRequest Example { get; } = new()
    {
        Positions = [new() { Sku = "SKU-1001", OnHand = 240 }, new() { Sku = "SKU-2002", OnHand = 17 }],
    };

    /// <summary>The grain's request: the figures given, or null to read the ERP's.</summary>
    public ReconciliationRequest ToRequest(string actor) =>
        new(Positions?.Select(position => new ErpStockFigure(position.Sku, position.OnHand!.Value)).ToList(), actor);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Positions is null == Source is null)
        {
            yield return new ValidationResult("Give positions or \"source\": \"erp\", not both.", [nameof(Positions), nameof(Source)]);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (Positions?.Count ?? 0); i++)
        {
            if (Positions![i] is { Sku.Length: > 0 } position && !seen.Add(position.Sku))
            {
                yield return new ValidationResult($"SKU '{position.Sku}' is given more than once.", [$"{nameof(Positions)}[{i}].{nameof(ReconciliationPositionInput.Sku)}"]);
            }
        }
    }
}

/// <summary>The sources a reconciliation can read the ERP's figures from, as the contract spells them.</summary>
public static class ReconciliationSources
{
    /// <summary>Every source a request may name.</summary>
    public static IReadOnlyList<string> All { get; } = [ReconciliationRequest.ErpSource];
}
