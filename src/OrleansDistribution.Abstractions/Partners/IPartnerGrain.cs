using OrleansDistribution.Abstractions.Inventory;

namespace OrleansDistribution.Abstractions.Partners;

/// <summary>A trading partner: profile, standing, quota and contract price list. Key: partner ID.</summary>
public interface IPartnerGrain : IGrainWithStringKey
{
    /// <summary>Onboards the partner; fails with a conflict when it already exists.</summary>
    Task<PartnerProfile> RegisterAsync(PartnerRegistration registration);

    /// <summary>Returns the profile, or null when the partner does not exist.</summary>
    [ReadOnly]
    Task<PartnerProfile?> GetProfileAsync();

    /// <summary>Suspends or reactivates the partner.</summary>
    Task<PartnerProfile> SetStatusAsync(PartnerStatus status);

    /// <summary>Makes a price list version current for new orders; earlier versions are kept.</summary>
    Task<PriceList> SetPriceListAsync(PriceList priceList);

    /// <summary>
    /// Standing and current contract prices of <paramref name="skus"/> (a price list holding only those that
    /// have a price; null when no price list was set), or null when the partner does not exist.
    /// </summary>
    [ReadOnly]
    Task<OrderingTerms?> GetOrderingTermsAsync(IReadOnlyList<string> skus);

    /// <summary>Sets how much stock the partner may promise and what it is told; returns it.</summary>
    Task<InventoryPolicy> SetInventoryPolicyAsync(InventoryPolicy policy);

    /// <summary>The partner's inventory policy (the default when none was set), or null when the partner does not exist.</summary>
    [ReadOnly]
    Task<InventoryPolicy?> GetInventoryPolicyAsync();

    /// <summary>Returns the current price list, or null when none was set.</summary>
    [ReadOnly]
    Task<PriceList?> GetCurrentPriceListAsync();
}
