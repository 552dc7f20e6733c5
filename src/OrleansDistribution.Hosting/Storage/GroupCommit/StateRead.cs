namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>A read of one row; the store fills in what it found.</summary>
public sealed class StateRead(StateRowKey key) : StateOperation(key)
{
    /// <summary>The row's version (the ETag), or null when there is no row. Set by the store.</summary>
    public int? Version { get; set; }

    /// <summary>The serialized state, or null when there is no row or the state was cleared. Set by the store.</summary>
    public byte[]? Payload { get; set; }
}
