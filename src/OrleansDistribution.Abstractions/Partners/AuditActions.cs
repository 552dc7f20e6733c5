namespace OrleansDistribution.Abstractions.Partners;

/// <summary>The actions the partner audit log records; stable strings, part of the API contract.</summary>
public static class AuditActions
{
    /// <summary>The partner was onboarded.</summary>
    public const string Onboarded = "partner.onboarded";

    /// <summary>The partner was suspended or reactivated.</summary>
    public const string StatusChanged = "partner.status-changed";

    /// <summary>Name, rate limit, burst or daily quota changed (PATCH).</summary>
    public const string Updated = "partner.updated";

    /// <summary>A price list version was made current.</summary>
    public const string PriceListPublished = "price-list.published";

    /// <summary>The inventory policy was set.</summary>
    public const string InventoryPolicySet = "inventory-policy.set";

    /// <summary>An API key was issued.</summary>
    public const string KeyIssued = "key.issued";

    /// <summary>An API key was revoked.</summary>
    public const string KeyRevoked = "key.revoked";
}
