namespace ErpSimulator.Contracts;

/// <summary>Answer to a commit: the ERP's reference, the same for a repeated Idempotency-Key.</summary>
public sealed record CommitOrderResponse(string ErpOrderRef);
