using OrleansDistribution.Abstractions.Errors;

namespace OrleansDistribution.Domain.Partners;

/// <summary>Rules of a partner's key ring: how many keys may overlap, and that the last one is not revoked by accident.</summary>
public static class PartnerKeyRules
{
    /// <summary>Active keys a partner may hold at once (enough for a rotation per integration).</summary>
    public const int MaxActiveKeys = 10;

    /// <summary>Refuses a new key when the partner already holds <see cref="MaxActiveKeys"/> active ones.</summary>
    public static void EnsureMayIssue(string partnerId, int activeKeys)
    {
        if (activeKeys >= MaxActiveKeys)
        {
            throw new RuleViolationException(RuleViolationKind.Conflict, RuleCodes.TooManyKeys,
                $"Partner '{partnerId}' already has {activeKeys} active keys; revoke one first.");
        }
    }

    /// <summary>Refuses revoking the last active key unless the operator said so: the partner could not call in any more.</summary>
    public static void EnsureMayRevoke(string partnerId, string keyId, int activeKeys, bool allowLastKey)
    {
        if (activeKeys <= 1 && !allowLastKey)
        {
            throw new RuleViolationException(RuleViolationKind.Conflict, RuleCodes.LastActiveKey,
                $"Key '{keyId}' is partner '{partnerId}''s last active key; issue a new one first, or revoke with allowLastKey=true to lock the partner out.");
        }
    }
}
