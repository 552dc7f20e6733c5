using System.ComponentModel.DataAnnotations;

namespace OrleansDistribution.Api.Contracts;

/// <summary>PUT /v1/inventory/{sku} body.</summary>
public sealed record SetInventoryRequest : IRequestExample<SetInventoryRequest>
{
    /// <summary>Largest on-hand count accepted.</summary>
    public const int MaxOnHand = 1_000_000_000;

    /// <summary>Units physically on hand; reservations are kept.</summary>
    [Required, Range(0, MaxOnHand)]
    public int? OnHand { get; init; }

    /// <summary>Units no channel may promise; unchanged when omitted.</summary>
    [Range(0, MaxOnHand)]
    public int? SafetyStock { get; init; }

    /// <inheritdoc />
    public static SetInventoryRequest Example { get; } = new() { OnHand = 250, SafetyStock = 10 };
}
