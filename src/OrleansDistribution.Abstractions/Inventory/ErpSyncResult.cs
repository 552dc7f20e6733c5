namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>What became of one ERP statement.</summary>
[GenerateSerializer]
[Alias("ErpSyncResult")]
public enum ErpSyncResult
{
    /// <summary>Applied: it is the newest word of the ERP on this part of the position.</summary>
    Applied = 0,

    /// <summary>Ignored: a statement with a later sequence (or this one) was applied already.</summary>
    Stale = 1,

    /// <summary>Refused: a change for a SKU the hub has no figure for (its first statement must be absolute).</summary>
    UnknownSku = 2,
}
