namespace OrleansDistribution.Abstractions.Partners;

/// <summary>Maps one hashed partner API key to its partner. Key: the key's SHA-256 hash (hex).</summary>
public interface IApiKeyIndexGrain : IGrainWithStringKey
{
    /// <summary>Binds the hash to a partner once.</summary>
    Task BindAsync(string partnerId);

    /// <summary>Forgets the binding (the key was revoked); a hash bound to another partner is left alone.</summary>
    Task UnbindAsync(string partnerId);

    /// <summary>Returns the partner the key belongs to, or null.</summary>
    [ReadOnly]
    Task<string?> ResolveAsync();
}
