using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Abstractions.Partners;

namespace OrleansDistribution.Domain.Pricing;

/// <summary>Prices order lines with a partner's contract price list.</summary>
public static class OrderPricer
{
    /// <summary>Prices every line; SKUs missing from the list are reported, never priced at zero.</summary>
    public static PricingResult Price(IReadOnlyList<OrderLineRequest> lines, PriceList priceList)
    {
        var prices = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var line in priceList.Lines)
        {
            prices[line.Sku] = line.UnitPrice;
        }

        var priced = new List<PricedOrderLine>(lines.Count);
        var unpriced = new List<string>();
        foreach (var line in lines)
        {
            if (prices.TryGetValue(line.Sku, out var unitPrice))
            {
                priced.Add(new PricedOrderLine(line.Sku, line.Quantity, unitPrice));
            }
            else if (!unpriced.Contains(line.Sku))
            {
                unpriced.Add(line.Sku);
            }
        }

        return new PricingResult(priceList.Version, priceList.Currency, priced, Total(priced), unpriced);
    }

    /// <summary>Order total: sum of quantity × unit price, rounded to cents away from zero as invoices are.</summary>
    public static decimal Total(IEnumerable<PricedOrderLine> lines) =>
        Math.Round(lines.Sum(line => line.Quantity * line.UnitPrice), 2, MidpointRounding.AwayFromZero);
}
