namespace OrleansDistribution.Domain.Inventory;

/// <summary>
/// Times of a SKU's ERP statements: <paramref name="AsOf"/> (ERP time of its newest applied statement, of
/// sequence <paramref name="AsOfSequence"/>), <paramref name="AppliedAt"/> (when the hub last applied one)
/// and <paramref name="ConfirmedAt"/> (when the ERP last stated or repeated the newest figure). Null when the
/// ERP never spoke about the SKU.
/// </summary>
public sealed record ErpStockStamps(DateTimeOffset? AsOf, DateTimeOffset? AppliedAt, DateTimeOffset? ConfirmedAt, long AsOfSequence)
{
    /// <summary>No ERP statement yet.</summary>
    public static ErpStockStamps None { get; } = new(null, null, null, ErpStockBook.NoSequence);
}
