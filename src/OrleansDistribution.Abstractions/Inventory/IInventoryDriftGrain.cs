using OrleansDistribution.Abstractions.Exceptions;

namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>
/// The single writer of one SKU's InventoryDrift exception (at most one open at a time, ID
/// <see cref="ExceptionIds.ForDrift"/>): reconciliations report to it, operators retry (re-check against the ERP) or
/// acknowledge it. Key: SKU.
/// </summary>
public interface IInventoryDriftGrain : IGrainWithStringKey
{
    /// <summary>Opens or updates the exception for a drift over the threshold; withdraws it when the SKU checks clean (or under).</summary>
    Task ReportAsync(DriftCheck check);

    /// <summary>Re-checks the SKU against the ERP's figure now; the exception is withdrawn when the drift is gone.</summary>
    Task<RetryOutcome> RetryAsync(string exceptionId, string actor, string? note);

    /// <summary>Closes the exception as acknowledged by the operator (the stock itself is not changed).</summary>
    Task AcknowledgeAsync(string exceptionId, string actor, string? note);
}
