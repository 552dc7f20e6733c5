namespace OrleansDistribution.Integration.Http.Contract;

/// <summary>Answer to <c>GET /erp/stock?after=&amp;limit=</c> (docs/integration-contract.md).</summary>
/// <param name="Positions">The page, in ordinal SKU order after the cursor; nullable so a body without it is a broken answer, not an empty page.</param>
/// <param name="Next">The page's last SKU when more follow (the next request's <c>after</c>), null on the last page.</param>
internal sealed record ErpStockResponse(IReadOnlyList<ErpStockLine?>? Positions, string? Next);
