using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Partners;

namespace OrleansDistribution.Domain.Partners;

/// <summary>
/// A partner's throttling limits: requests per second, the burst its token bucket holds (null: the rate limit) and
/// its daily order quota (null: none). A burst smaller than the rate would quietly lower the rate, so it is refused.
/// </summary>
public sealed record PartnerLimits(int RateLimitPerSecond, int? Burst, int? DailyQuota)
{
    /// <summary>The bucket size the API uses.</summary>
    public int EffectiveBurst => Burst ?? RateLimitPerSecond;

    /// <summary>The limits after a merge-patch <paramref name="update"/>; refused when the burst ends below the rate.</summary>
    public PartnerLimits Apply(PartnerUpdate update)
    {
        var next = new PartnerLimits(
            update.RateLimitPerSecond ?? RateLimitPerSecond,
            update.ChangeBurst ? update.Burst : Burst,
            update.ChangeDailyQuota ? update.DailyQuota : DailyQuota);
        if (next.Burst is { } burst && burst < next.RateLimitPerSecond)
        {
            throw new RuleViolationException(RuleViolationKind.Unprocessable, RuleCodes.BurstBelowRateLimit,
                $"A burst of {burst} is below the rate limit of {next.RateLimitPerSecond} per second; set a burst of at least the rate limit, or null to follow it.");
        }

        return next;
    }
}
