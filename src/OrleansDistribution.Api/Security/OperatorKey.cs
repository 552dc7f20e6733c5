namespace OrleansDistribution.Api.Security;

/// <summary>The operator's API key: from "Distribution:AdminApiKey", or generated once per process and printed.</summary>
public sealed class OperatorKey
{
    /// <summary>Reads the configured key or generates one.</summary>
    public OperatorKey(IConfiguration configuration)
    {
        var configured = configuration["Distribution:AdminApiKey"];
        IsGenerated = string.IsNullOrWhiteSpace(configured);
        Value = IsGenerated ? ApiKeys.NewKey("odop_") : configured!.Trim();
    }

    /// <summary>The key.</summary>
    public string Value { get; }

    /// <summary>True when no key was configured and this one was made at start.</summary>
    public bool IsGenerated { get; }
}
