using System.ComponentModel.DataAnnotations;
using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Api.Contracts.Validation;

namespace OrleansDistribution.Api.Contracts;

/// <summary>PUT /v1/partners/{partnerId}/inventory-policy body; every field is optional and an omitted one takes its default.</summary>
public sealed record InventoryPolicyRequest : IRequestExample<InventoryPolicyRequest>
{
    /// <summary>shipComplete (hold the order until every line can be reserved; default) or allowBackorder.</summary>
    [OneOf(typeof(AllocationNames))]
    public string? Allocation { get; init; }

    /// <summary>1 (first) to 10: whose backorders fill first; default 5.</summary>
    [Range(1, 10)]
    public int? Priority { get; init; }

    /// <summary>0 to 1: the fraction of sellable stock the partner may hold reserved; default 1.</summary>
    [Range(0.0, 1.0), DecimalPlaces(4)]
    public decimal? Share { get; init; }

    /// <summary>Units of each SKU held back from this partner; default 0.</summary>
    [Range(0, SetInventoryRequest.MaxOnHand)]
    public int? SafetyStock { get; init; }

    /// <summary>Most units of one SKU in one order; default none.</summary>
    [Range(1, OrderLineInput.MaxQuantity)]
    public int? MaxPerOrder { get; init; }

    /// <summary>0 to 1: a change of what the partner may promise it is told only when it moves by this fraction or crosses zero; default 0.1.</summary>
    [Range(0.0, 1.0), DecimalPlaces(4)]
    public decimal? PublishThreshold { get; init; }

    /// <summary>The policy it sets.</summary>
    public InventoryPolicy ToPolicy()
    {
        var defaults = InventoryPolicy.Default;
        return new InventoryPolicy
        {
            Allocation = Allocation is null ? defaults.Allocation : OneOfAttribute.Parse<AllocationMode>(Allocation),
            Priority = Priority ?? defaults.Priority,
            Share = Share ?? defaults.Share,
            SafetyStock = SafetyStock ?? defaults.SafetyStock,
            MaxPerOrder = MaxPerOrder,
            PublishThreshold = PublishThreshold ?? defaults.PublishThreshold,
        };
    }

    /// <inheritdoc />
    public static InventoryPolicyRequest Example { get; } = new()
    {
        Allocation = "allowBackorder",
        Priority = 2,
        Share = 0.3m,
        SafetyStock = 5,
        MaxPerOrder = 50,
        PublishThreshold = 0.1m,
    };
}

/// <summary>The allocation modes as the contract spells them (camelCase).</summary>
public static class AllocationNames
{
    /// <summary>Every mode's name.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetNames<AllocationMode>().Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName)];
}
