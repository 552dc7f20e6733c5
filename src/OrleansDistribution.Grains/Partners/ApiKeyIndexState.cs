namespace OrleansDistribution.Grains.Partners;

/// <summary>Persisted binding of one API key hash to its partner.</summary>
[GenerateSerializer]
[Alias("ApiKeyIndexState.v1")]
public sealed class ApiKeyIndexState
{
    /// <summary>The partner the key belongs to.</summary>
    [Id(0)] public string? PartnerId { get; set; }
}
