namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>One stored row of the memory store; replaced, never mutated, so a read may keep the payload it got.</summary>
internal readonly record struct MemoryGrainStateRow(int Version, byte[]? Payload, DateTimeOffset? WakeAt, DateTimeOffset? ExpiresAt);
