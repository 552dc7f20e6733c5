using System.Globalization;
using System.Security.Claims;

namespace OrleansDistribution.Api.Security;

/// <summary>Claim types the API key handler issues, and typed reads of them.</summary>
public static class DistributionClaims
{
    /// <summary>The partner ID of a partner principal.</summary>
    public const string PartnerId = "partner_id";

    /// <summary>"Active" or "Suspended".</summary>
    public const string PartnerStatus = "partner_status";

    /// <summary>The hash of the partner key the request authenticated with (never the key), to re-check it on long-lived streams.</summary>
    public const string KeyHash = "key_hash";

    /// <summary>The partner's requests-per-second quota.</summary>
    public const string RateLimit = "rate_limit";

    /// <summary>The partner's bucket size, only when it differs from <see cref="RateLimit"/> (most partners add no claim).</summary>
    public const string Burst = "burst";

    /// <summary>The partner's daily order quota, only when it has one.</summary>
    public const string DailyQuota = "daily_quota";

    /// <summary>True for the operator.</summary>
    public static bool IsOperator(this ClaimsPrincipal user) => user.IsInRole(Roles.Operator);

    /// <summary>The caller's partner ID, or null for the operator.</summary>
    public static string? GetPartnerId(this ClaimsPrincipal user) => user.FindFirstValue(PartnerId);

    /// <summary>The caller's quota, or null for the operator (unthrottled).</summary>
    public static int? GetRateLimit(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(RateLimit), NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) ? limit : null;

    /// <summary>The caller's bucket size when it differs from its rate limit; null when it is the rate limit (or no partner).</summary>
    public static int? GetBurst(this ClaimsPrincipal user) =>
        user.FindFirstValue(Burst) is { } burst && int.TryParse(burst, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The caller's daily order quota, or null when it has none (or is not a partner).</summary>
    public static int? GetDailyQuota(this ClaimsPrincipal user) =>
        user.FindFirstValue(DailyQuota) is { } quota && int.TryParse(quota, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A name for "who did this" on timelines and logs.</summary>
    public static string Actor(this ClaimsPrincipal user) =>
        user.IsOperator() ? "operator" : user.IsInRole(Roles.Erp) ? "erp" : $"partner {user.GetPartnerId()}";
}
