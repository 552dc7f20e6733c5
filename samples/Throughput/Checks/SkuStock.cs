namespace Throughput.Checks;

/// <summary>
/// One SKU after the run: stock loaded, what the accepted responses reserved, and what the API says is reserved.
/// Oversold when accepted quantity exceeds the stock; a mismatch when the API's reservation differs from the
/// responses (an order reserved that no one was told about, or told about but not reserved).
/// </summary>
internal sealed record SkuStock(string Sku, long Stock, long AcceptedQuantity, long OnHand, long Reserved)
{
    /// <summary>More accepted than there was.</summary>
    public bool Oversold => AcceptedQuantity > Stock || Reserved > OnHand;

    /// <summary>The API's reservation equals the accepted responses'.</summary>
    public bool Matches => Reserved == AcceptedQuantity;
}
