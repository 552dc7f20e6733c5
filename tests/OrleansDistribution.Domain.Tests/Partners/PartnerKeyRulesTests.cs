using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Domain.Partners;

namespace OrleansDistribution.Domain.Tests.Partners;

public sealed class PartnerKeyRulesTests
{
    [Fact]
    public void EnsureMayRevoke_LastActiveKey_RefusedUnlessAllowed()
    {
        var refusal = Assert.Throws<RuleViolationException>(() => PartnerKeyRules.EnsureMayRevoke("acme", "key_1", 1, allowLastKey: false));

        Assert.Equal(RuleCodes.LastActiveKey, refusal.Code);
        Assert.Equal(RuleViolationKind.Conflict, refusal.Kind);
        PartnerKeyRules.EnsureMayRevoke("acme", "key_1", 1, allowLastKey: true);
        PartnerKeyRules.EnsureMayRevoke("acme", "key_1", 2, allowLastKey: false);
    }

    [Fact]
    public void EnsureMayIssue_AtTheMaximum_Refused()
    {
        PartnerKeyRules.EnsureMayIssue("acme", PartnerKeyRules.MaxActiveKeys - 1);

        var refusal = Assert.Throws<RuleViolationException>(() => PartnerKeyRules.EnsureMayIssue("acme", PartnerKeyRules.MaxActiveKeys));

        Assert.Equal(RuleCodes.TooManyKeys, refusal.Code);
    }
}
