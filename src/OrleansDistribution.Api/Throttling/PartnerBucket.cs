namespace OrleansDistribution.Api.Throttling;

/// <summary>
/// The rate limiter partition of a partner: its ID with its limit and burst, so a changed limit or burst takes effect
/// with a fresh bucket (the old one is dropped when idle). A struct, so choosing the partition allocates nothing.
/// </summary>
public readonly record struct PartnerBucket(string PartnerId, int Limit, int Burst)
{
    /// <summary>The partition of callers that are not throttled (the operator, the ERP).</summary>
    public static PartnerBucket Unthrottled { get; } = new("", 0, 0);
}
