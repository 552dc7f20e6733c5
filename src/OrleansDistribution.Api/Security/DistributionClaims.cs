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

    /// <summary>True for the operator.</summary>
    public static bool IsOperator(this ClaimsPrincipal user) => user.IsInRole(Roles.Operator);

    /// <summary>The caller's partner ID, or null for the operator.</summary>
    public static string? GetPartnerId(this ClaimsPrincipal user) => user.FindFirstValue(PartnerId);

    /// <summary>The caller's quota, or null for the operator (unthrottled).</summary>
    public static int? GetRateLimit(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(RateLimit), NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) ? limit : null;

    /// <summary>A name for "who did this" on timelines and logs.</summary>
    public static string Actor(this ClaimsPrincipal user) =>
        user.IsOperator() ? "operator" : user.IsInRole(Roles.Erp) ? "erp" : $"partner {user.GetPartnerId()}";
}
