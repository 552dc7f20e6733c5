using OrleansDistribution.TestSupport;
using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Abstractions.Partners;

namespace OrleansDistribution.Grains.Tests.Fixtures;

/// <summary>
/// Test data for one test: a freshly registered partner and freshly stocked SKUs, all with new keys,
/// so tests sharing the cluster never see each other's orders or stock.
/// </summary>
public sealed class TestCatalog
{
    private readonly IGrainFactory _grains;

    private TestCatalog(IGrainFactory grains, string partnerId)
    {
        _grains = grains;
        PartnerId = partnerId;
    }

    /// <summary>The partner every order of this test is submitted for.</summary>
    public string PartnerId { get; }

    /// <summary>The partner's grain.</summary>
    public IPartnerGrain Partner => _grains.GetGrain<IPartnerGrain>(PartnerId);

    /// <summary>Registers a new active partner with a random API key hash.</summary>
    public static async Task<TestCatalog> CreateAsync(IGrainFactory grains)
    {
        var partnerId = $"partner-{Guid.NewGuid():N}";
        var apiKeyHash = Convert.ToHexString(Guid.NewGuid().ToByteArray()) + Convert.ToHexString(Guid.NewGuid().ToByteArray());
        await grains.GetGrain<IPartnerGrain>(partnerId).RegisterAsync(new PartnerRegistration("Test partner", 100, apiKeyHash));
        return new TestCatalog(grains, partnerId);
    }

    /// <summary>A SKU name no other test uses and no inventory record exists for.</summary>
    public static string NewSku() => $"SKU-{Guid.NewGuid():N}";

    /// <summary>Creates a fresh SKU with the given on-hand quantity.</summary>
    public async Task<string> StockAsync(int onHand)
    {
        var sku = NewSku();
        await Inventory(sku).SetOnHandAsync(onHand);
        return sku;
    }

    /// <summary>Makes a new price list version current for the partner.</summary>
    public Task<PriceList> PublishPricesAsync(string version, params (string Sku, decimal UnitPrice)[] prices) =>
        Partner.SetPriceListAsync(new PriceList(
            version,
            "EUR",
            [.. prices.Select(price => new PriceListLine(price.Sku, price.UnitPrice))],
            DateTimeOffset.UtcNow));

    /// <summary>An order for an active customer with a fresh channel reference.</summary>
    public OrderSubmission Order(params (string Sku, int Quantity)[] lines) =>
        OrderFor($"CUST-{Guid.NewGuid():N}", lines);

    /// <summary>An order for the given customer with a fresh channel reference.</summary>
    public OrderSubmission OrderFor(string customerId, params (string Sku, int Quantity)[] lines) =>
        new(PartnerId, $"PO-{Guid.NewGuid():N}", customerId, [.. lines.Select(line => new OrderLineRequest(line.Sku, line.Quantity))]);

    /// <summary>A new order grain, as the intake would create one.</summary>
    public IOrderGrain NewOrder() => _grains.GetGrain<IOrderGrain>($"ord_{Guid.NewGuid():N}");

    /// <summary>The order grain with this ID.</summary>
    public IOrderGrain OrderGrain(string orderId) => _grains.GetGrain<IOrderGrain>(orderId);

    /// <summary>Submits under one of this partner's Idempotency-Keys, as the API does.</summary>
    public IdempotentIntake Intake(string idempotencyKey) => new(_grains, PartnerId, idempotencyKey);

    /// <summary>The stock position of a SKU.</summary>
    public IInventoryGrain Inventory(string sku) => _grains.GetGrain<IInventoryGrain>(sku);

    /// <summary>Polls the order until it reaches <paramref name="status"/>; fails with the last snapshot at the deadline.</summary>
    public static Task<OrderSnapshot> WaitForStatusAsync(IOrderGrain order, OrderStatus status) =>
        Eventually.MatchesAsync(
            async () => await order.GetAsync() ?? throw new InvalidOperationException("The order does not exist."),
            snapshot => snapshot.Status == status,
            $"order reaches {status}");

    /// <summary>The SKU's current position; fails when it is unknown.</summary>
    public async Task<InventorySnapshot> StockOfAsync(string sku) =>
        await Inventory(sku).GetAsync() ?? throw new InvalidOperationException($"SKU {sku} has no stock record.");
}
