using System.Globalization;
using Throughput.Api;
using Throughput.Setup;

namespace Throughput.Load;

/// <summary>The open loop's orders: the same shape the wrk script makes (fresh key, random SKU and customer).</summary>
internal sealed class OrderGenerator(Fixture fixture, string phase, int quantity, int customers)
{
    private readonly Fixture _fixture = fixture;
    private readonly string _phase = phase;
    private readonly int _quantity = quantity;
    private readonly int _customers = customers;
    private long _sequence;

    /// <summary>The next order; thread-safe.</summary>
    public OrderSpec Next()
    {
        var n = Interlocked.Increment(ref _sequence);
        var sku = _fixture.Skus[Random.Shared.Next(_fixture.Skus.Count)];
        var customer = "C-" + (Random.Shared.Next(_customers) + 1).ToString(CultureInfo.InvariantCulture);
        return new OrderSpec($"{_fixture.RunId}-{_phase}-{n.ToString(CultureInfo.InvariantCulture)}", sku, _quantity, customer);
    }
}
