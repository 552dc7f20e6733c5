namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>
/// Identity of a grain state row within a service: the state name (unique per grain class here) and the grain's
/// primary key string, the same identity the ADO.NET rows had.
/// </summary>
/// <param name="StateName">The state name of <c>[PersistentState]</c>, e.g. "order".</param>
/// <param name="GrainKey">The string key of the <c>GrainId</c>, e.g. the order ID.</param>
public readonly record struct StateRowKey(string StateName, string GrainKey);
