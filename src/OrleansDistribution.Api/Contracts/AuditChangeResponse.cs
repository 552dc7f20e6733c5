namespace OrleansDistribution.Api.Contracts;

/// <summary>A field an audited change touched, before and after (null where there was no value).</summary>
public sealed record AuditChangeResponse(string Field, string? Before, string? After);
