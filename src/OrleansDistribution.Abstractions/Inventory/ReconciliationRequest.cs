namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>What to check the hub against: the positions given, or (when <see cref="Positions"/> is null) the ERP's stock snapshot.</summary>
[GenerateSerializer, Immutable]
[Alias("ReconciliationRequest")]
public sealed record ReconciliationRequest(
    [property: Id(0)] IReadOnlyList<ErpStockFigure>? Positions,
    [property: Id(1)] string Actor)
{
    /// <summary>The source of a reconciliation against the ERP's own snapshot.</summary>
    public const string ErpSource = "erp";

    /// <summary>The source of a reconciliation against positions the caller gave.</summary>
    public const string PositionsSource = "positions";

    /// <summary>Where the ERP figures come from.</summary>
    public string Source => Positions is null ? ErpSource : PositionsSource;
}
