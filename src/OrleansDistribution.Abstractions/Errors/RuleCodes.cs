namespace OrleansDistribution.Abstractions.Errors;

/// <summary>Stable refusal codes; each becomes the last segment of an RFC 9457 problem type.</summary>
public static class RuleCodes
{
    /// <summary>A line names a SKU with no stock record.</summary>
    public const string UnknownSku = "unknown-sku";
    /// <summary>A line names a SKU the partner's contract does not price.</summary>
    public const string UnpricedSku = "unpriced-sku";
    /// <summary>The partner has no price list yet.</summary>
    public const string NoPriceList = "no-price-list";
    /// <summary>The ERP reports the customer as inactive.</summary>
    public const string InactiveCustomer = "inactive-customer";
    /// <summary>The partner is suspended.</summary>
    public const string PartnerSuspended = "partner-suspended";
    /// <summary>No such partner.</summary>
    public const string PartnerNotFound = "partner-not-found";
    /// <summary>The partner already exists.</summary>
    public const string PartnerExists = "partner-exists";
    /// <summary>No such order.</summary>
    public const string OrderNotFound = "order-not-found";
    /// <summary>The order's status does not allow the command.</summary>
    public const string InvalidTransition = "invalid-transition";
    /// <summary>An Idempotency-Key was reused with a different body.</summary>
    public const string IdempotencyKeyReused = "idempotency-key-reused";
    /// <summary>No open exception with this ID.</summary>
    public const string ExceptionNotFound = "exception-not-found";
    /// <summary>The exception has no step to replay.</summary>
    public const string NotRetryable = "not-retryable";
    /// <summary>The resolution action makes no sense for this exception.</summary>
    public const string ResolutionNotAllowed = "resolution-not-allowed";
    /// <summary>No bulk replay job with this ID.</summary>
    public const string JobNotFound = "job-not-found";
    /// <summary>A price list version was reused with different content.</summary>
    public const string PriceListVersionReused = "price-list-version-reused";
    /// <summary>A line orders more of a SKU than the partner's inventory policy allows in one order.</summary>
    public const string ExceedsMaxPerOrder = "exceeds-max-per-order";
    /// <summary>No reconciliation with this ID.</summary>
    public const string ReconciliationNotFound = "reconciliation-not-found";
    /// <summary>No recent ERP stock refresh with this ID.</summary>
    public const string RefreshNotFound = "refresh-not-found";
    /// <summary>The caller may not see what it asked for (a partner naming another partner in a search).</summary>
    public const string Forbidden = "forbidden";
    /// <summary>No key with this ID for the partner.</summary>
    public const string KeyNotFound = "key-not-found";
    /// <summary>Revoking the partner's last active key would lock it out.</summary>
    public const string LastActiveKey = "last-active-key";
    /// <summary>The partner has as many active keys as allowed.</summary>
    public const string TooManyKeys = "too-many-keys";
    /// <summary>The burst would be smaller than the rate limit.</summary>
    public const string BurstBelowRateLimit = "burst-below-rate-limit";
    /// <summary>No webhook endpoint with this ID (for this caller).</summary>
    public const string WebhookNotFound = "webhook-not-found";
    /// <summary>The webhook URL may not receive webhooks (not http(s), credentials, or a non-public address).</summary>
    public const string WebhookUrlNotAllowed = "webhook-url-not-allowed";
    /// <summary>The partner has as many webhook endpoints as it may.</summary>
    public const string WebhookLimitReached = "webhook-limit-reached";
}
