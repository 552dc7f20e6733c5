using System.Diagnostics;
using ChannelTraffic.Contracts;

namespace ChannelTraffic;

/// <summary>Prepares a fresh partner with stock and prices, so each run starts from a known state.</summary>
public static class Onboarding
{
    public static async Task<OnboardingResult> RunAsync(ApiClient api, TrafficPlan plan, TrafficOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();

        await api.WaitUntilReadyAsync(options.WaitReady, cancellationToken);
        output.WriteLine($"setup: {options.BaseUri} is ready");

        var partnerKey = await api.CreatePartnerAsync(plan.PartnerId, options.RateLimitPerSecond, cancellationToken);
        output.WriteLine($"setup: partner {plan.PartnerId} created (rateLimitPerSecond {options.RateLimitPerSecond})");

        // Stock before prices, in case the server checks that priced SKUs exist.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(plan.Skus, parallel, async (sku, ct) => await api.SetInventoryAsync(sku.Sku, options.Stock, ct));
        output.WriteLine($"setup: {plan.Skus.Count} SKUs stocked with onHand {options.Stock} ({plan.Skus.Count(s => s.IsHot)} hot)");

        var priceList = new PriceListRequest(plan.PriceListVersion, "USD", plan.Skus.Select(s => new PriceListLine(s.Sku, s.UnitPrice)).ToArray());
        await api.SetPriceListAsync(plan.PartnerId, priceList, cancellationToken);
        output.WriteLine($"setup: price list {plan.PriceListVersion} (USD, {priceList.Lines.Count} lines) loaded");

        return new OnboardingResult(partnerKey, Stopwatch.GetElapsedTime(started));
    }
}
