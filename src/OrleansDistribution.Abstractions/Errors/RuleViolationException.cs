namespace OrleansDistribution.Abstractions.Errors;

/// <summary>A grain refused a command for a business reason; nothing was changed.</summary>
[GenerateSerializer]
[Alias("RuleViolationException")]
public sealed class RuleViolationException : Exception
{
    /// <summary>Creates a refusal with a stable machine-readable code and a human-readable detail.</summary>
    public RuleViolationException(RuleViolationKind kind, string code, string detail)
        : base(detail)
    {
        Kind = kind;
        Code = code;
    }

    /// <summary>Which HTTP-level category the refusal belongs to.</summary>
    [Id(0)] public RuleViolationKind Kind { get; }

    /// <summary>Stable code, e.g. "unknown-sku"; becomes the problem type suffix.</summary>
    [Id(1)] public string Code { get; }
}
