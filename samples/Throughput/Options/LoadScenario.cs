namespace Throughput.Options;

/// <summary>Which SKUs the orders go to.</summary>
internal enum LoadScenario
{
    /// <summary>Each order has one line on a random SKU of <c>--skus</c>.</summary>
    Spread,

    /// <summary>Every order is on one SKU (the single-writer grain under contention).</summary>
    Hot,
}
