using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Grains.Feed;

namespace OrleansDistribution.Testing;

/// <summary>
/// One test's partner and the data it orders against: a freshly registered partner and freshly stocked SKUs, all
/// with new keys, so tests sharing a cluster never see each other's orders, stock or events.
/// </summary>
public sealed class TestPartner
{
    private readonly IGrainFactory _grains;
    private readonly Func<IPartnerFeed>? _feed;

    private TestPartner(IGrainFactory grains, string partnerId, Func<IPartnerFeed>? feed)
    {
        _grains = grains;
        PartnerId = partnerId;
        _feed = feed;
    }

    /// <summary>The partner every order of this test is submitted for.</summary>
    public string PartnerId { get; }

    /// <summary>The partner's grain.</summary>
    public IPartnerGrain Partner => _grains.GetGrain<IPartnerGrain>(PartnerId);

    /// <summary>
    /// The events this partner receives (what its SSE stream, feed and webhooks carry, read from its durable feed);
    /// each call starts a recording from the oldest retained event.
    /// </summary>
    /// <exception cref="InvalidOperationException">The partner was onboarded without a cluster to read the feed from.</exception>
    public PartnerEvents Events() => new(PartnerId, _feed?.Invoke()
        ?? throw new InvalidOperationException("Onboard the partner through DistributionTestCluster to read its events."));

    /// <summary>Registers a new active partner with a random API key hash on <paramref name="grains"/>.</summary>
    /// <param name="grains">The cluster's grains.</param>
    /// <param name="name">Display name.</param>
    /// <param name="requestsPerSecond">The partner's rate limit at the API (the grains do not throttle).</param>
    /// <param name="feed">Where its events are read from (a silo's partner feed); without it <see cref="Events"/> throws.</param>
    public static async Task<TestPartner> OnboardAsync(IGrainFactory grains, string name = "Test partner", int requestsPerSecond = 100, Func<IPartnerFeed>? feed = null)
    {
        var partnerId = $"partner-{Guid.NewGuid():N}";
        // The hash of a key nobody holds: grain tests call the grains directly, without the API's authentication.
        var apiKeyHash = Convert.ToHexString(Guid.NewGuid().ToByteArray()) + Convert.ToHexString(Guid.NewGuid().ToByteArray());
        await grains.GetGrain<IPartnerGrain>(partnerId).RegisterAsync(new PartnerRegistration(name, requestsPerSecond, apiKeyHash));
        return new TestPartner(grains, partnerId, feed);
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

    /// <summary>Makes a new price list version current for the partner (in EUR).</summary>
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

    /// <summary>
    /// Submits <paramref name="submission"/> under an Idempotency-Key exactly as <c>POST /v1/orders</c> does: to the
    /// order the key names, remembered by the body's fingerprint. The same key and body again is a replay; the same key
    /// with another body is refused (<c>idempotency-key-reused</c>).
    /// </summary>
    public Task<IntakeResult> SubmitAsync(string idempotencyKey, OrderSubmission submission) =>
        Intake(idempotencyKey).SubmitAsync(submission);

    /// <summary>Submits under one Idempotency-Key, choosing the fingerprint or computing it as the API does.</summary>
    public IdempotentIntake Intake(string idempotencyKey) => new(_grains, PartnerId, idempotencyKey);

    /// <summary>A new order grain with a fresh ID, for placing an order directly (no Idempotency-Key).</summary>
    public IOrderGrain NewOrder() => _grains.GetGrain<IOrderGrain>($"ord_{Guid.NewGuid():N}");

    /// <summary>The order grain with this ID.</summary>
    public IOrderGrain OrderGrain(string orderId) => _grains.GetGrain<IOrderGrain>(orderId);

    /// <summary>The stock position of a SKU.</summary>
    public IInventoryGrain Inventory(string sku) => _grains.GetGrain<IInventoryGrain>(sku);

    /// <summary>The SKU's current position; fails when it is unknown.</summary>
    public async Task<InventorySnapshot> StockOfAsync(string sku) =>
        await Inventory(sku).GetAsync() ?? throw new InvalidOperationException($"SKU {sku} has no stock record.");

    /// <summary>Polls the order until it reaches <paramref name="status"/>; fails with the last snapshot at the deadline.</summary>
    public Task<OrderSnapshot> WaitForStatusAsync(string orderId, OrderStatus status, TimeSpan? timeout = null) =>
        WaitForStatusAsync(OrderGrain(orderId), status, timeout);

    /// <summary>Polls the order until it reaches <paramref name="status"/>; fails with the last snapshot at the deadline.</summary>
    public static Task<OrderSnapshot> WaitForStatusAsync(IOrderGrain order, OrderStatus status, TimeSpan? timeout = null) =>
        WaitForAsync(order, snapshot => snapshot.Status == status, $"order reaches {status}", timeout);

    /// <summary>Polls the order until it holds an open exception of <paramref name="exceptionType"/> (e.g. <c>ShipmentOverdue</c>).</summary>
    public Task<OrderSnapshot> WaitForExceptionAsync(string orderId, string exceptionType, TimeSpan? timeout = null) =>
        WaitForAsync(OrderGrain(orderId), snapshot => snapshot.Exception?.Type == exceptionType, $"order holds a {exceptionType} exception", timeout);

    /// <summary>Polls the order until <paramref name="condition"/> holds; fails with <paramref name="expectation"/> and the last snapshot.</summary>
    public static Task<OrderSnapshot> WaitForAsync(IOrderGrain order, Func<OrderSnapshot, bool> condition, string expectation, TimeSpan? timeout = null) =>
        Eventually.MatchesAsync(
            async () => await order.GetAsync() ?? throw new InvalidOperationException("The order does not exist."),
            condition,
            expectation,
            timeout);
}
