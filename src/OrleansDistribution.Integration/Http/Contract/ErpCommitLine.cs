namespace OrleansDistribution.Integration.Http.Contract;

/// <summary>One line of <see cref="ErpCommitRequest"/>.</summary>
internal sealed record ErpCommitLine(string Sku, int Quantity, decimal UnitPrice);
