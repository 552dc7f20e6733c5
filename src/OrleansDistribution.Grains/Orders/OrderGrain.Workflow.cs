using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Domain.Orders;
using OrleansDistribution.Grains.Storage;
using OrleansDistribution.Grains.Telemetry;
using OrleansDistribution.Grains.Workflow;
using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Grains.Orders;

/// <summary>The asynchronous part of the order workflow: steps on a timer, durable reminders, SLA clocks.</summary>
public sealed partial class OrderGrain
{
    /// <summary>The durable reminder an order holds while it has pending work, so it resumes after any restart.</summary>
    public const string ResumeReminder = "resume-workflow";

    /// <summary>The durable reminder that fires when the running SLA clock runs out.</summary>
    public const string SlaReminder = "sla";

    private IGrainTimer? _workflowTimer;

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!state.RecordExists)
        {
            await DropReminderAsync(reminderName);
            return;
        }

        if (reminderName == SlaReminder)
        {
            await CheckSlaAsync();
            return;
        }

        // The ERP-commit SLA rides on this reminder, which exists exactly while the commit is pending.
        if (state.State.SlaStep == OrderSteps.ErpCommit)
        {
            await CheckSlaAsync();
        }

        if (HasPendingStep())
        {
            // Usually the timer is already running; after a restart this is what resumes the order.
            if (_workflowTimer is null)
            {
                ArmWorkflow(TimeSpan.Zero);
            }
        }
        else
        {
            await DropReminderAsync(ResumeReminder);
        }
    }

    private bool HasPendingStep() =>
        (state.State.Exception is null || OrderSteps.IsAdvisory(state.State.Exception.Step))
        && state.State.Status is OrderStatus.Accepted or OrderStatus.ErpCommitted;

    private void ArmWorkflow(TimeSpan dueTime)
    {
        _workflowTimer?.Dispose();
        _workflowTimer = this.RegisterGrainTimer(RunWorkflowAsync, new GrainTimerCreationOptions
        {
            DueTime = dueTime,
            Period = Workflow.StepRetryDelay,
            Interleave = false,
            KeepAlive = true,
        });
    }

    /// <summary>Makes sure the workflow runs and survives restarts (after acceptance, a retry or a released hold).</summary>
    private async Task ResumeWorkflowAsync()
    {
        await this.RegisterOrUpdateReminder(ResumeReminder, Workflow.ResumeCheckPeriod, Workflow.ResumeCheckPeriod);
        ArmWorkflow(Workflow.FirstStepDelay);
    }

    /// <summary>Stops the timer and drops the resume reminder: the order now waits on someone else.</summary>
    private async Task StopWorkflowAsync()
    {
        _workflowTimer?.Dispose();
        _workflowTimer = null;
        await DropReminderAsync(ResumeReminder);
    }

    private async Task DropReminderAsync(string name)
    {
        if (await this.GetReminder(name) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>Runs pending steps until the order waits on the warehouse, or a step fails (the timer period retries it).</summary>
    private async Task RunWorkflowAsync(CancellationToken cancellationToken)
    {
        Correlation.Set(state.State.CorrelationId);
        using var run = DistributionTelemetry.StartWorkflowRun(OrderId, state.State.CorrelationId, state.State.TraceParent);
        while (HasPendingStep() && !cancellationToken.IsCancellationRequested)
        {
            var step = state.State.Status == OrderStatus.Accepted ? OrderSteps.ErpCommit : OrderSteps.WarehouseRelease;
            var failure = await TryStepAsync(step, cancellationToken);
            if (failure is DownstreamRejectedException rejected)
            {
                await HoldAsync(RejectedType(step), step, state.State.StepAttempts + 1, rejected.Reason, state.State.CorrelationId);
                return;
            }

            if (failure is not null)
            {
                state.State.StepAttempts++;
                state.State.LastStepError = failure.Message;
                LogStepFailed(logger, OrderId, step, state.State.StepAttempts, failure.Message, state.State.CorrelationId);
                if (state.State.StepAttempts >= Workflow.MaxStepAttempts)
                {
                    await HoldAsync(UnavailableType(step), step, state.State.StepAttempts, failure.Message, state.State.CorrelationId);
                }

                return;
            }
        }

        await StopWorkflowAsync();
    }

    /// <summary>Runs one step once; returns the failure (transient or a refusal), or null when it succeeded.</summary>
    private async Task<Exception?> TryStepAsync(string step, CancellationToken cancellationToken)
    {
        using var activity = DistributionTelemetry.StartStep(step, OrderId, state.State.CorrelationId);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Workflow.StepTimeout);
            await RunStepAsync(step, timeout.Token);
            state.State.StepAttempts = 0;
            state.State.LastStepError = null;
            return null;
        }
        catch (Exception failure) when (failure is DownstreamRejectedException or DownstreamUnavailableException or OperationCanceledException or TimeoutException)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, failure.Message);
            return failure;
        }
    }

    private async Task RunStepAsync(string step, CancellationToken cancellationToken)
    {
        var context = OutboundContext.ForStep(OrderId, step, state.State.CorrelationId);
        if (step == OrderSteps.ErpCommit)
        {
            var order = new ErpOrder(OrderId, state.State.PartnerId, state.State.CustomerId, state.State.ChannelOrderRef,
                state.State.PriceListVersion, state.State.Currency, state.State.Total,
                [.. state.State.Lines.Select(line => new ErpOrderLine(line.Sku, line.Quantity, line.UnitPrice))]);
            state.State.ErpReference = await erp.CommitOrderAsync(order, context, cancellationToken);
            await CompleteErpCommitAsync($"Committed in ERP as {state.State.ErpReference}.");
        }
        else
        {
            var release = new WarehouseRelease(OrderId, state.State.CustomerId,
                [.. state.State.Lines.Select(line => new WarehouseReleaseLine(line.Sku, line.Quantity))]);
            state.State.WarehouseReference = await warehouse.ReleaseAsync(release, context, cancellationToken);
            await CompleteWarehouseReleaseAsync($"Released to warehouse as {state.State.WarehouseReference}.");
        }
    }

    private async Task CompleteErpCommitAsync(string detail)
    {
        await CloseAdvisoryExceptionAsync("committed in the ERP");
        await StopSlaClockAsync();
        await MoveAsync(OrderStatus.ErpCommitted, detail, state.State.CorrelationId);
    }

    private async Task CompleteWarehouseReleaseAsync(string detail)
    {
        StartSlaClock(OrderSteps.WarehouseRelease, Workflow.ShipWithin);
        await MoveAsync(OrderStatus.ReleasedToWarehouse, detail, state.State.CorrelationId);
        await ArmSlaReminderAsync();
    }

    private static string UnavailableType(string step) =>
        step == OrderSteps.ErpCommit ? OrderExceptionTypes.ErpUnavailable : OrderExceptionTypes.WarehouseUnavailable;

    private static string RejectedType(string step) =>
        step == OrderSteps.ErpCommit ? OrderExceptionTypes.ErpRejected : OrderExceptionTypes.WarehouseRejected;

    /// <summary>Starts the SLA clock of a step (persisted with the next state write).</summary>
    private void StartSlaClock(string step, TimeSpan within)
    {
        state.State.SlaStep = step;
        state.State.SlaDeadline = clock.GetUtcNow() + within;
    }

    /// <summary>
    /// Arms the durable reminder for the shipping SLA: it fires once, at the deadline. (The ERP-commit SLA
    /// needs none: the resume reminder ticks while the commit is pending and checks it, saving two
    /// storage writes per order.)
    /// </summary>
    private async Task ArmSlaReminderAsync()
    {
        if (state.State.SlaStep != OrderSteps.WarehouseRelease || state.State.SlaDeadline is not { } deadline)
        {
            return;
        }

        var due = deadline - clock.GetUtcNow();
        var period = Workflow.ShortestReminderPeriod;
        await this.RegisterOrUpdateReminder(SlaReminder, due > TimeSpan.Zero ? due : TimeSpan.FromMilliseconds(1), period);
    }

    private async Task StopSlaClockAsync()
    {
        var hadReminder = state.State.SlaStep == OrderSteps.WarehouseRelease;
        state.State.SlaStep = null;
        state.State.SlaDeadline = null;
        if (hadReminder)
        {
            await DropReminderAsync(SlaReminder);
        }
    }

    /// <summary>Raises the overdue warning once, when the clock ran out and the step is still not done.</summary>
    private async Task CheckSlaAsync()
    {
        var step = state.State.SlaStep;
        var stillWaiting = step switch
        {
            OrderSteps.ErpCommit => state.State.Status is OrderStatus.Accepted or OrderStatus.OnHold,
            OrderSteps.WarehouseRelease => state.State.Status == OrderStatus.ReleasedToWarehouse,
            _ => false,
        };
        if (step is null || state.State.SlaDeadline is not { } deadline)
        {
            await DropReminderAsync(SlaReminder);
            return;
        }

        var ownReminder = step == OrderSteps.WarehouseRelease;
        if (clock.GetUtcNow() < deadline)
        {
            return;
        }

        if (ownReminder)
        {
            await DropReminderAsync(SlaReminder);
        }

        state.State.SlaDeadline = null;
        if (!stillWaiting || state.State.Exception is not null)
        {
            // Done meanwhile, or already held for a more specific cause: no second exception for the same delay.
            await state.WriteOrDeactivateAsync(this);
            return;
        }

        var (type, what, within) = step == OrderSteps.ErpCommit
            ? (OrderExceptionTypes.ErpUnavailable, "committed in the ERP", Workflow.ErpCommitWithin)
            : (OrderExceptionTypes.ShipmentOverdue, "shipped", Workflow.ShipWithin);
        await RaiseAdvisoryAsync(type, OrderSteps.Sla(step), $"Not {what} within {within} (SLA).");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} step {Step} attempt {Attempt} failed: {Error} (correlation {CorrelationId})")]
    private static partial void LogStepFailed(ILogger logger, string orderId, string step, int attempt, string error, string correlationId);
}
