namespace Throughput.Setup;

/// <summary>
/// What the run created through the public API: a fresh partner, its key, and stocked, priced SKUs; and the
/// quantity every order line asks for.
/// </summary>
internal sealed record Fixture(string RunId, string PartnerId, string PartnerKey, IReadOnlyList<string> Skus, int StockPerSku, int Quantity);
