using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Domain.Inventory;
using OrleansDistribution.Grains.Storage;
using OrleansDistribution.Grains.Telemetry;
using OrleansDistribution.Grains.Workflow;
using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Grains.Inventory;

/// <summary>
/// A reconciliation: reads each SKU's position in the hub, compares it with the ERP's figure (<see cref="DriftDiagnosis"/>)
/// and keeps the SKUs that differ. Positions given are checked before the start is answered; the ERP's snapshot is read
/// page by page on a timer, progress written after each page, a reminder carrying it over a silo failure. Each SKU that
/// drifts over the threshold, or that has an InventoryDrift open, is reported to its drift record, which files, updates
/// or withdraws the exception.
/// Stock is never changed.
/// </summary>
public sealed partial class InventoryReconciliationGrain(
    [PersistentState("reconciliation", DistributionNames.Storage)] IPersistentState<InventoryReconciliationState> state,
    ErpStockReader reader,
    ErpStockMetrics metrics,
    IOptions<ErpStockOptions> options,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock,
    ILogger<InventoryReconciliationGrain> logger) : Grain, IInventoryReconciliationGrain, IRemindable
{
    private const string KeepGoingReminder = "reconciliation";
    private const int Parallelism = 32;

    private IGrainTimer? _timer;
    private bool _running;
    private HashSet<string>? _openDrifts;

    private string Id => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists && state.State.Status == InventoryRunStatus.Running)
        {
            Arm();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<ReconciliationSnapshot> StartAsync(ReconciliationRequest request)
    {
        if (state.RecordExists)
        {
            return Snapshot();
        }

        state.State = new InventoryReconciliationState
        {
            Source = request.Source,
            Status = InventoryRunStatus.Running,
            CreatedAt = clock.GetUtcNow(),
            Actor = request.Actor,
            CorrelationId = Correlation.Current,
        };

        if (request.Positions is { } positions)
        {
            await CheckAsync(positions);
            state.State.Status = InventoryRunStatus.Completed;
            state.State.CompletedAt = clock.GetUtcNow();
            await state.WriteOrDeactivateAsync(this);
            LogCompleted(logger, Id, state.State.Source, state.State.Checked, state.State.Drifted);
            return Snapshot();
        }

        await state.WriteOrDeactivateAsync(this);
        await this.RegisterOrUpdateReminder(KeepGoingReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        Arm();
        return Snapshot();
    }

    /// <inheritdoc />
    public Task<ReconciliationSnapshot?> GetAsync() => Task.FromResult(state.RecordExists ? Snapshot() : null);

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.Status == InventoryRunStatus.Running)
        {
            Arm();
        }

        return Task.CompletedTask;
    }

    private void Arm() =>
        // Interleaved, so the report so far is answered while a page is read or checked.
        _timer ??= this.RegisterGrainTimer(RunAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = Timeout.InfiniteTimeSpan,
            Interleave = true,
            KeepAlive = true,
        });

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_running)
        {
            return;
        }

        _running = true;
        try
        {
            Correlation.Set(state.State.CorrelationId);
            while (state.State.Status == InventoryRunStatus.Running && !cancellationToken.IsCancellationRequested)
            {
                try
                {
                    var page = await reader.PageAsync(state.State.Cursor, new OutboundContext($"{Id}:page-{state.State.Pages + 1}", state.State.CorrelationId), cancellationToken);
                    await CheckAsync([.. page.Positions.Select(position => new ErpStockFigure(position.Sku, position.OnHand, position.ErpSequence))]);
                    state.State.Pages++;
                    state.State.Cursor = page.Next;
                    if (page.Next is null)
                    {
                        state.State.Status = InventoryRunStatus.Completed;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The ERP failed (or the hub could not be read): the report says how far it got and why it stopped.
                    state.State.Status = InventoryRunStatus.Failed;
                    state.State.Error = ErpStockReader.IsErpFailure(exception)
                        ? $"The ERP's stock snapshot could not be read after {state.State.Pages} pages: {exception.Message}"
                        : $"The hub's positions could not be read after {state.State.Pages} pages; start a new reconciliation.";
                    LogFailed(logger, exception, Id, state.State.Pages);
                }

                if (state.State.Status != InventoryRunStatus.Running)
                {
                    state.State.CompletedAt = clock.GetUtcNow();
                    state.State.Cursor = null;
                }

                await state.WriteOrDeactivateAsync(this);
            }

            if (state.State.Status != InventoryRunStatus.Running)
            {
                if (state.State.Status == InventoryRunStatus.Completed)
                {
                    LogCompleted(logger, Id, state.State.Source, state.State.Checked, state.State.Drifted);
                }

                if (await this.GetReminder(KeepGoingReminder) is { } reminder)
                {
                    await this.UnregisterReminder(reminder);
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Progress could not be written: the activation goes; the reminder resumes from the last page written.
            LogProgressLost(logger, exception, Id);
        }
        finally
        {
            _running = false;
            _timer?.Dispose();
            _timer = null;
        }
    }

    /// <summary>Checks figures against the hub, a bounded number at a time, and reports drifts (and SKUs whose drift is open) to their records.</summary>
    private async Task CheckAsync(IReadOnlyList<ErpStockFigure> figures)
    {
        _openDrifts ??= [.. (await GrainFactory.GetGrain<IExceptionQueueGrain>(ExceptionTypes.InventoryDrift).ListAsync(null))
            .Select(entry => entry.Sku).OfType<string>()];
        var threshold = options.Value.DriftThreshold;
        foreach (var chunk in figures.Chunk(Parallelism))
        {
            var drifts = await Task.WhenAll(chunk.Select(figure => CheckOneAsync(figure, threshold)));
            foreach (var drift in drifts.OfType<StockDrift>())
            {
                metrics.Drift(drift.Cause);
                state.State.Drifted++;
                if (state.State.Lines.Count < ReconciliationSnapshot.MaxLines)
                {
                    state.State.Lines.Add(drift);
                }
            }

            state.State.Checked += chunk.Length;
        }
    }

    private async Task<StockDrift?> CheckOneAsync(ErpStockFigure figure, int threshold)
    {
        var hub = await GrainFactory.GetGrain<IInventoryGrain>(figure.Sku).GetAsync();
        var drift = DriftDiagnosis.Diagnose(figure.Sku, hub, figure.OnHand, figure.ErpSequence);
        var over = drift is not null && DriftDiagnosis.IsOverThreshold(drift, threshold);
        if (over || _openDrifts!.Contains(figure.Sku))
        {
            // Only SKUs with something to file or to withdraw: a big report of small drifts writes no drift records.
            await GrainFactory.GetGrain<IInventoryDriftGrain>(figure.Sku).ReportAsync(new DriftCheck(drift, over, Id, state.State.CorrelationId));
        }

        return drift;
    }

    private ReconciliationSnapshot Snapshot() => new(
        Id,
        state.State.Source,
        state.State.Status,
        state.State.CreatedAt,
        state.State.CompletedAt,
        state.State.Checked,
        state.State.Drifted,
        [.. state.State.Lines],
        state.State.Error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation {ReconciliationId} ({Source}) completed: {Checked} SKUs checked, {Drifted} differ")]
    private static partial void LogCompleted(ILogger logger, string reconciliationId, string source, int @checked, int drifted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation {ReconciliationId} stopped after {Pages} pages")]
    private static partial void LogFailed(ILogger logger, Exception exception, string reconciliationId, int pages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation {ReconciliationId}: progress could not be written; it resumes from the last page written")]
    private static partial void LogProgressLost(ILogger logger, Exception exception, string reconciliationId);
}
