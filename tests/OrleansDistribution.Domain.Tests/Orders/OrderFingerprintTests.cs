using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Domain.Tests.Orders;

/// <summary>The fingerprint an Idempotency-Key remembers an order by, shared by the API and the test kit.</summary>
public sealed class OrderFingerprintTests
{
    private static readonly OrderSubmission Example = new("acme", "PO-2026-0042", "CUST-17",
        [new OrderLineRequest("SKU-1001", 3), new OrderLineRequest("SKU-2002", 1)]);

    [Fact]
    public void Of_IsTheSha256OfTheCanonicalJson_StoredOrdersKeepMatching()
    {
        // sha256 of {"c":"PO-2026-0042","u":"CUST-17","l":[{"s":"SKU-1001","q":3},{"s":"SKU-2002","q":1}]}, computed
        // outside .NET: orders taken before the fingerprint moved here were stored with exactly this value.
        Assert.Equal("c0a4be3c465b246c9d0a1caca09695310eb04ba5ee9af3cd5188c0ba3259f906", OrderFingerprint.Of(Example));
    }

    [Fact]
    public void Of_PartnerKeyAndEarlierFingerprint_DoNotCount_LinesAndTheirOrderDo()
    {
        var fingerprint = OrderFingerprint.Of(Example);

        Assert.Equal(fingerprint, OrderFingerprint.Of(Example with { PartnerId = "other", IdempotencyKey = "k", Fingerprint = "x", KeyGeneration = 3 }));
        Assert.NotEqual(fingerprint, OrderFingerprint.Of(Example with { Lines = [.. Example.Lines.Reverse()] }));
        Assert.NotEqual(fingerprint, OrderFingerprint.Of(Example with { Lines = [new OrderLineRequest("SKU-1001", 4), Example.Lines[1]] }));
        Assert.NotEqual(fingerprint, OrderFingerprint.Of(Example with { CustomerId = "CUST-18" }));
    }
}
