using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Domain.Inventory;
using OrleansDistribution.Grains.Storage;
using OrleansDistribution.Grains.Workflow;
using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Grains.Inventory;

/// <summary>
/// One SKU's drift record and the single writer of its InventoryDrift exception, so a reconciliation, a re-check and
/// an acknowledgement never race each other: at most one exception is open per SKU (ID "drift:{sku}"), later
/// reconciliations update it, a clean check withdraws it. The record is written before the queue is told of a new or
/// changed exception and after the queue withdrew one, so a failure in between heals with the next report.
/// </summary>
public sealed partial class InventoryDriftGrain(
    [PersistentState("inventory-drift", DistributionNames.Storage)] IPersistentState<InventoryDriftState> state,
    ErpStockReader reader,
    IOptions<ErpStockOptions> options,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock,
    ILogger<InventoryDriftGrain> logger) : Grain, IInventoryDriftGrain
{
    /// <summary>The step an InventoryDrift exception names.</summary>
    public const string Step = "reconciliation";

    private const int KeptActions = 20;

    private string Sku => this.GetPrimaryKeyString();

    private IExceptionQueueGrain Queue => GrainFactory.GetGrain<IExceptionQueueGrain>(ExceptionTypes.InventoryDrift);

    /// <inheritdoc />
    public async Task ReportAsync(DriftCheck check)
    {
        var now = clock.GetUtcNow();
        state.State.LastDrift = check.Drift;
        state.State.LastCheckedBy = check.ReconciliationId;
        state.State.CheckedAt = now;
        if (check is { Drift: { } drift, OverThreshold: true })
        {
            var detail = DriftDiagnosis.Describe(drift);
            var entry = state.State.Open is { } open
                ? open with { Attempts = open.Attempts + 1, LastError = detail, CorrelationId = check.CorrelationId }
                : new ExceptionEntry(ExceptionIds.ForDrift(Sku), "", "", ExceptionTypes.InventoryDrift, Step, 1, detail, check.CorrelationId, now) { Sku = Sku };
            state.State.Open = entry;
            await state.WriteOrDeactivateAsync(this);
            await Queue.AddAsync(entry);
            return;
        }

        if (state.State.Open is { } withdrawn)
        {
            await Queue.RemoveAsync(withdrawn.ExceptionId);
            state.State.Open = null;
            LogWithdrawn(logger, Sku, check.ReconciliationId);
            await state.WriteOrDeactivateAsync(this);
        }
    }

    /// <inheritdoc />
    public async Task<RetryOutcome> RetryAsync(string exceptionId, string actor, string? note)
    {
        EnsureOpen(exceptionId);
        ErpStockPosition? position;
        try
        {
            position = await reader.PositionAsync(Sku, new OutboundContext($"{exceptionId}:recheck:{Guid.NewGuid():N}", Correlation.Current), CancellationToken.None);
        }
        catch (Exception exception) when (ErpStockReader.IsErpFailure(exception))
        {
            await NoteAsync(actor, "retry", note, "erp-unavailable");
            return Outcome(exceptionId, false, $"The ERP could not be asked for SKU '{Sku}' ({exception.Message}); the exception stays open.");
        }

        if (position is null)
        {
            await NoteAsync(actor, "retry", note, "unknown-in-erp");
            return Outcome(exceptionId, false, $"The ERP has no position for SKU '{Sku}'; the exception stays open (skip acknowledges it).");
        }

        var hub = await GrainFactory.GetGrain<IInventoryGrain>(Sku).GetAsync();
        var drift = DriftDiagnosis.Diagnose(Sku, hub, position.OnHand, position.ErpSequence);
        var over = drift is not null && DriftDiagnosis.IsOverThreshold(drift, options.Value.DriftThreshold);
        await ReportAsync(new DriftCheck(drift, over, $"re-check by {actor}", Correlation.Current));
        await NoteAsync(actor, "retry", note, over ? "still-drifting" : "withdrawn");
        return over
            ? Outcome(exceptionId, false, $"Still drifting: {DriftDiagnosis.Describe(drift!)}.")
            : Outcome(exceptionId, true, drift is null
                ? $"Hub and ERP agree on SKU '{Sku}' ({position.OnHand} on hand); the exception is withdrawn."
                : $"The difference is within the drift threshold now ({DriftDiagnosis.Describe(drift)}); the exception is withdrawn.");
    }

    /// <inheritdoc />
    public async Task AcknowledgeAsync(string exceptionId, string actor, string? note)
    {
        var open = EnsureOpen(exceptionId);
        await Queue.RemoveAsync(open.ExceptionId);
        state.State.Open = null;
        await NoteAsync(actor, "skip", note, "acknowledged");
        LogAcknowledged(logger, Sku, actor, note);
    }

    private ExceptionEntry EnsureOpen(string exceptionId) =>
        state.State.Open is { } open && open.ExceptionId == exceptionId
            ? open
            : throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.ExceptionNotFound, $"Exception '{exceptionId}' is not open.");

    private async Task NoteAsync(string actor, string action, string? note, string outcome)
    {
        state.State.Actions.Add(new DriftAuditEntry(clock.GetUtcNow(), actor, action, note, outcome));
        if (state.State.Actions.Count > KeptActions)
        {
            state.State.Actions.RemoveRange(0, state.State.Actions.Count - KeptActions);
        }

        await state.WriteOrDeactivateAsync(this);
    }

    private RetryOutcome Outcome(string exceptionId, bool succeeded, string detail) =>
        new(exceptionId, "", succeeded, default, detail) { Sku = Sku };

    [LoggerMessage(Level = LogLevel.Information, Message = "InventoryDrift of SKU {Sku} withdrawn: {CheckedBy} found it within the threshold")]
    private static partial void LogWithdrawn(ILogger logger, string sku, string checkedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "InventoryDrift of SKU {Sku} acknowledged by {Actor}: {Note}")]
    private static partial void LogAcknowledged(ILogger logger, string sku, string actor, string? note);
}
