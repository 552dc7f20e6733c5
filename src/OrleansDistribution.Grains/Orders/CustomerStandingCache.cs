using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OrleansDistribution.Grains.Workflow;
using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Grains.Orders;

/// <summary>
/// The ERP's answer about a customer, remembered per silo for <see cref="WorkflowOptions.CustomerStandingCacheDuration"/>:
/// standing changes rarely, orders for the same customer come in bursts, and asking the ERP on every
/// acceptance put its latency (and its availability) into every channel's response time. The ERP still
/// checks the customer when the order is committed, so a change is caught there at the latest.
/// </summary>
public sealed class CustomerStandingCache(IErpPort erp, IOptions<WorkflowOptions> options, TimeProvider clock) : IDisposable
{
    private const int MaxCustomers = 100_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxCustomers });

    /// <summary>The customer's standing, from the cache or the ERP (failures are not cached).</summary>
    public async Task<CustomerStanding> CheckAsync(string partnerId, string customerId, OutboundContext context, CancellationToken cancellationToken)
    {
        var duration = options.Value.CustomerStandingCacheDuration;
        var key = (partnerId, customerId);
        if (duration > TimeSpan.Zero && _cache.TryGetValue(key, out (CustomerStanding Standing, DateTimeOffset At) cached)
            && clock.GetUtcNow() - cached.At < duration)
        {
            return cached.Standing;
        }

        var standing = await erp.CheckCustomerAsync(partnerId, customerId, context, cancellationToken);
        if (duration > TimeSpan.Zero)
        {
            _cache.Set(key, (standing, clock.GetUtcNow()), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = duration });
        }

        return standing;
    }

    /// <inheritdoc />
    public void Dispose() => _cache.Dispose();
}
