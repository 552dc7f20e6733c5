using System.ComponentModel.DataAnnotations;

namespace OrleansDistribution.Api.Contracts;

/// <summary>POST /v1/inventory/sync body: a batch of ERP statements.</summary>
public sealed record ErpSyncRequest : IRequestExample<ErpSyncRequest>
{
    /// <summary>Most statements in one request.</summary>
    public const int MaxPositions = 5_000;

    /// <summary>The statements; several may name the same SKU.</summary>
    [Required, MinLength(1), MaxLength(MaxPositions)]
    public List<ErpStockLineInput?> Positions { get; init; } = [];

    /// <inheritdoc />
    public static ErpSyncRequest Example { get; } = new()
    {
        Positions =
        [
            new ErpStockLineInput { Sku = "SKU-100", OnHand = 240, ErpSequence = 1042, AsOf = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero) },
            new ErpStockLineInput { Sku = "SKU-200", Delta = 6, Reason = "receipt", ErpSequence = 877, AsOf = new DateTimeOffset(2026, 12, 1, 8, 0, 5, TimeSpan.Zero) },
        ],
    };
}
