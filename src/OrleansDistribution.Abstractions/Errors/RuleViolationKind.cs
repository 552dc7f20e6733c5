namespace OrleansDistribution.Abstractions.Errors;

/// <summary>Why a command was refused; the API maps each to one HTTP status.</summary>
[GenerateSerializer]
[Alias("RuleViolationKind")]
public enum RuleViolationKind
{
    /// <summary>The input breaks a business rule (422).</summary>
    Unprocessable = 0,
    /// <summary>The target does not exist (404).</summary>
    NotFound = 1,
    /// <summary>The target's state does not allow it (409).</summary>
    Conflict = 2,
    /// <summary>The caller may not do this (403).</summary>
    Forbidden = 3,
}
