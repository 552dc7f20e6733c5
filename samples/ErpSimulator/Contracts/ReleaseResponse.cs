namespace ErpSimulator.Contracts;

/// <summary>Answer to a release: the WMS's reference, the same for a repeated Idempotency-Key.</summary>
public sealed record ReleaseResponse(string ReleaseRef);
