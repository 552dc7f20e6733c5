using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Domain.Partners;

namespace OrleansDistribution.Domain.Tests.Partners;

public sealed class PartnerLimitsTests
{
    private static readonly PartnerLimits Current = new(100, 300, 5_000);

    [Fact]
    public void Apply_FieldsLeftOut_StayAsTheyAre()
    {
        Assert.Equal(Current, Current.Apply(new PartnerUpdate(Name: "New name")));
    }

    [Fact]
    public void Apply_NullBurstAndQuotaGiven_RemovesThem_BurstFollowsTheRate()
    {
        var next = Current.Apply(new PartnerUpdate(RateLimitPerSecond: 50, ChangeBurst: true, Burst: null, ChangeDailyQuota: true, DailyQuota: null));

        Assert.Equal(new PartnerLimits(50, null, null), next);
        Assert.Equal(50, next.EffectiveBurst);
    }

    [Fact]
    public void Apply_BurstBelowTheRate_Refused()
    {
        var refusal = Assert.Throws<RuleViolationException>(() => Current.Apply(new PartnerUpdate(RateLimitPerSecond: 400)));

        Assert.Equal(RuleCodes.BurstBelowRateLimit, refusal.Code);
        Assert.Equal(RuleViolationKind.Unprocessable, refusal.Kind);
    }
}
