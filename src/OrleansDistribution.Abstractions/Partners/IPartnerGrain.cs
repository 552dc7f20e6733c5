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

    /// <summary>Changes name, rate limit, burst or daily quota (merge-patch semantics, see <see cref="PartnerUpdate"/>).</summary>
    Task<PartnerProfile> UpdateAsync(PartnerUpdate update);

    /// <summary>Adds a key (by hash; the last four characters for display); the partner's other keys keep working.</summary>
    Task<PartnerKey> IssueKeyAsync(string keyHash, string last4);

    /// <summary>
    /// Revokes a key at once; refused (conflict) when it is the last active key unless <paramref name="allowLastKey"/>.
    /// Revoking a revoked key returns it unchanged.
    /// </summary>
    Task<PartnerKey> RevokeKeyAsync(string keyId, bool allowLastKey);

    /// <summary>The partner's keys, revoked ones included, oldest first; null when the partner does not exist.</summary>
    [ReadOnly]
    Task<IReadOnlyList<PartnerKey>?> GetKeysAsync();

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
