namespace Throughput.Checks;

/// <summary>
/// One SKU over the run: the stock loaded, its position when the counting phases started (<see cref="Before"/>,
/// null when none ran) and at the end (<see cref="After"/>), and what the counting phases' accepted responses
/// reserved. Two checks:
/// <list type="bullet">
/// <item><b>never oversold</b>, covering every order of the run (the light windows' too): at both readings
/// reserved ≤ the stock loaded and ≤ on-hand (available ≥ 0); and the counting phases accepted no more than
/// was available when they started.</item>
/// <item><b>exact accounting</b> of the counting phases: the API's reserved grew by exactly what their accepted
/// responses reserved (an order reserved that no one was told about, or told about but not reserved, shows).
/// Both readings are taken once the API settled, so the light phases' late orders are in <see cref="Before"/>.</item>
/// </list>
/// </summary>
internal sealed record SkuStock(string Sku, long Stock, SkuPosition? Before, SkuPosition After, long AcceptedQuantity)
{
    /// <summary>More promised than there was, at any point the run can see.</summary>
    public bool Oversold => Exceeds(After) || (Before is { } b && (Exceeds(b) || AcceptedQuantity > b.Available));

    /// <summary>Reserved during the counting phases; null when none ran.</summary>
    public long? ReservedDelta => Before is { } b ? After.Reserved - b.Reserved : null;

    /// <summary>The API's reservation grew by what the accepted responses reserved (true when not checked).</summary>
    public bool Matches => ReservedDelta is not { } delta || delta == AcceptedQuantity;

    private bool Exceeds(SkuPosition position) => position.Reserved > Stock || position.Available < 0;
}
