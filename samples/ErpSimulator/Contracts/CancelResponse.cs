namespace ErpSimulator.Contracts;

/// <summary>Answer to an ERP or WMS cancel; also for a repeat or an order never seen.</summary>
public sealed record CancelResponse(bool Cancelled);
