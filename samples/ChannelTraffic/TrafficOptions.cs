using System.Globalization;

namespace ChannelTraffic;

public sealed record TrafficOptions
{
    public const string AdminKeyEnvironmentVariable = "Distribution__AdminApiKey";

    public bool ShowHelp { get; init; }

    public Uri BaseUri { get; init; } = new("http://localhost:5080/");

    public string? AdminKey { get; init; }

    public string? PartnerId { get; init; }

    public int RateLimitPerSecond { get; init; } = 100_000;

    public int Orders { get; init; } = 2000;

    public int Concurrency { get; init; } = 16;

    public double Duplicates { get; init; } = 0.1;

    public int Skus { get; init; } = 50;

    public int HotSkus { get; init; } = 3;

    public double HotShare { get; init; } = 0.3;

    public int Stock { get; init; } = 1_000_000;

    public int MaxLines { get; init; } = 5;

    public int MaxQuantity { get; init; } = 5;

    public int Customers { get; init; } = 100;

    public string? SkuPrefix { get; init; }

    public string? PriceListVersion { get; init; }

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan WaitReady { get; init; } = TimeSpan.Zero;

    public int? Seed { get; init; }

    public string? JsonOutputPath { get; init; }

    public bool AllowRemote { get; init; }

    /// <summary>Everything that shapes the run, for the summary; the admin key is deliberately left out.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Describe(string partnerId, string skuPrefix, string priceListVersion, int seed)
    {
        var c = CultureInfo.InvariantCulture;
        return
        [
            new("url", BaseUri.ToString()),
            new("partner", partnerId),
            new("rate-limit", RateLimitPerSecond.ToString(c)),
            new("orders", Orders.ToString(c)),
            new("concurrency", Concurrency.ToString(c)),
            new("duplicates", Duplicates.ToString(c)),
            new("skus", Skus.ToString(c)),
            new("hot-skus", HotSkus.ToString(c)),
            new("hot-share", HotShare.ToString(c)),
            new("stock", Stock.ToString(c)),
            new("max-lines", MaxLines.ToString(c)),
            new("max-qty", MaxQuantity.ToString(c)),
            new("customers", Customers.ToString(c)),
            new("sku-prefix", skuPrefix),
            new("price-version", priceListVersion),
            new("timeout", RequestTimeout.TotalSeconds.ToString(c)),
            new("max-duration", MaxDuration.TotalSeconds.ToString(c)),
            new("wait-ready", WaitReady.TotalSeconds.ToString(c)),
            new("seed", seed.ToString(c)),
            new("allow-remote", AllowRemote ? "true" : "false"),
        ];
    }
}
