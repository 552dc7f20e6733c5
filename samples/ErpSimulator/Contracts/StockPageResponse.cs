namespace ErpSimulator.Contracts;

/// <summary>Answer to <c>GET /erp/stock</c>: positions in ordinal SKU order; <c>next</c> is the page's last SKU while more follow, else null.</summary>
public sealed record StockPageResponse(IReadOnlyList<StockPosition> Positions, string? Next);
